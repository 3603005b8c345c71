import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core in the page as it is now. The script is evaluated through the DevTools protocol,
 * not added as a <script> tag, so the app's CSP (scripts from 'self' only) stays as served.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in globalThis);
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{
            violations: {
              id: string;
              impact?: string | null;
              help: string;
              nodes: { target: unknown[] }[];
            }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
  });
}

/** Only what the quality bar forbids: serious and critical. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  return (await axeViolations(page)).filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
}

export interface Focusable {
  /** A description to name it in a failure: tag, role, accessible text. */
  name: string;
  key: string;
}

/** Every control a keyboard user should be able to reach on the page as it is now. */
export async function focusableControls(page: Page): Promise<Focusable[]> {
  return page.evaluate(() => {
    const selector =
      'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"]), video[controls], audio[controls]';
    const all = [...document.querySelectorAll<HTMLElement>(selector)].filter((el) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      // The skip link is off-screen until focused; it counts.
      const shown = style.visibility !== 'hidden' && style.display !== 'none';
      return shown && (r.width > 0 || el.classList.contains('kt-skip-link'));
    });
    return all.map((el, i) => {
      el.dataset.ktFocusKey = String(i);
      const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
      return { name: `${el.tagName.toLowerCase()} "${text}"`, key: String(i) };
    });
  });
}

export interface TabStop {
  key: string | undefined;
  name: string;
  /** Whether the focused element shows a focus indicator (outline or box shadow). */
  visible: boolean;
}

/** Presses Tab from the top of the page until focus comes back around; each stop reported. */
export async function tabThrough(page: Page, max = 60): Promise<TabStop[]> {
  // Start before the first element: a non-tabbable marker at the top of <body> gets the focus,
  // so the sequential navigation starts there whatever was clicked or focused before.
  await page.evaluate(() => {
    const start = document.createElement('span');
    start.id = 'kt-tab-start';
    start.tabIndex = -1;
    document.body.prepend(start);
    start.focus();
    window.scrollTo(0, 0);
  });
  const stops: TabStop[] = [];
  try {
    let idle = 0;
    for (let i = 0; i < max && idle < 2; i++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body || el.id === 'kt-tab-start') return undefined;
        const style = getComputedStyle(el);
        const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
        const shadow = style.boxShadow !== 'none';
        const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
        return {
          key: el.dataset.ktFocusKey,
          name: `${el.tagName.toLowerCase()} "${text}"`,
          visible: outline || shadow,
        };
      });
      // Past the last control the focus leaves the page for a moment, then wraps around.
      if (!stop) {
        idle++;
        continue;
      }
      idle = 0;
      if (stops.some((s) => s.key !== undefined && s.key === stop.key)) break;
      stops.push(stop);
    }
  } finally {
    await page.evaluate(() => document.getElementById('kt-tab-start')?.remove());
  }
  return stops;
}

/** Images, and elements drawn as images, without a text alternative. */
export async function imagesWithoutAlt(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const missing: string[] = [];
    for (const img of document.querySelectorAll('img')) {
      if (!img.hasAttribute('alt')) missing.push(img.outerHTML.slice(0, 120));
    }
    for (const el of document.querySelectorAll('[role=img], svg:not([aria-hidden=true])')) {
      const hidden = el.closest('[aria-hidden=true]');
      const named =
        el.getAttribute('aria-label') ||
        el.getAttribute('aria-labelledby') ||
        el.querySelector(':scope > title');
      if (!hidden && !named) missing.push(el.outerHTML.slice(0, 120));
    }
    return missing;
  });
}
