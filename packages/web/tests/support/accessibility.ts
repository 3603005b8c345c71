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

/**
 * What the browser lets a keyboard reach. Disabled controls are left out with `:disabled`, which
 * also covers controls inside a disabled fieldset.
 */
const FOCUSABLE = [
  'a[href]',
  'area[href]',
  'button:not(:disabled)',
  'input:not(:disabled):not([type=hidden])',
  'select:not(:disabled)',
  'textarea:not(:disabled)',
  'summary',
  'iframe',
  '[contenteditable]:not([contenteditable=false])',
  '[tabindex]:not([tabindex="-1"])',
  'video[controls]',
  'audio[controls]',
].join(', ');

/**
 * Every control a keyboard user should be able to reach on the page as it is now, and every
 * element that looks or announces itself as one without being focusable (a `div` with a click
 * handler and `cursor: pointer`, a `role="button"` without `tabindex`): those get a key no Tab
 * stop can carry, so a check built on this list fails on them. The radios of one group are one
 * Tab stop (the arrow keys move within it), so they share a key.
 */
export async function focusableControls(page: Page): Promise<Focusable[]> {
  return page.evaluate((selector) => {
    const ROLES = new Set([
      'button',
      'link',
      'checkbox',
      'radio',
      'switch',
      'tab',
      'menuitem',
      'menuitemcheckbox',
      'menuitemradio',
      'option',
      'slider',
      'spinbutton',
      'textbox',
      'searchbox',
      'combobox',
      'treeitem',
    ]);
    const describe = (el: HTMLElement) => {
      const labels = 'labels' in el ? (el.labels as NodeListOf<HTMLLabelElement> | null) : null;
      const text = (
        el.getAttribute('aria-label') ??
        labels?.[0]?.textContent ??
        el.getAttribute('placeholder') ??
        el.textContent ??
        ''
      )
        .trim()
        .slice(0, 40);
      const role = el.getAttribute('role');
      return `${el.tagName.toLowerCase()}${role ? `[role=${role}]` : ''} "${text}"`;
    };
    const shown = (el: HTMLElement) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      // The skip link is off-screen until focused; it counts.
      return (
        style.visibility !== 'hidden' &&
        style.display !== 'none' &&
        (r.width > 0 || el.classList.contains('kt-skip-link'))
      );
    };
    for (const el of document.querySelectorAll<HTMLElement>('[data-kt-focus-key]')) {
      delete el.dataset.ktFocusKey;
    }
    const found: { name: string; key: string }[] = [];
    const groups = new Set<string>();
    const controls = [...document.querySelectorAll<HTMLElement>(selector)].filter(shown);
    controls.forEach((el, i) => {
      if (el instanceof HTMLInputElement && el.type === 'radio' && el.name) {
        const key = `radio:${el.form?.id ?? ''}:${el.name}`;
        el.dataset.ktFocusKey = key;
        const legend = el.closest('fieldset')?.querySelector('legend')?.textContent?.trim();
        const group = `radio group "${legend ?? el.name}"`;
        if (!groups.has(key)) found.push({ name: group, key });
        groups.add(key);
        return;
      }
      el.dataset.ktFocusKey = String(i);
      found.push({ name: describe(el), key: String(i) });
    });
    // Looks clickable, or says it is a control, and the keyboard cannot get there.
    const pointer = (el: Element | null) =>
      el instanceof HTMLElement && getComputedStyle(el).cursor === 'pointer';
    let fake = 0;
    for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
      if (!shown(el) || el.matches(selector) || el.closest('[inert]')) continue;
      if (el.parentElement?.closest(selector)) continue;
      const label = el.closest('label');
      if (label?.control) continue;
      const role = el.getAttribute('role') ?? '';
      const announced = ROLES.has(role);
      const clickable = pointer(el) && !pointer(el.parentElement);
      if (!announced && !clickable) continue;
      found.push({
        name: `${describe(el)} (${announced ? `role ${role}` : 'cursor: pointer'}, not focusable)`,
        key: `not-focusable:${fake++}`,
      });
    }
    return found;
  }, FOCUSABLE);
}

export interface TabStop {
  key: string | undefined;
  name: string;
  /**
   * Whether focusing it changed what is drawn: the outline or box shadow of the element, or of
   * a wrapper up to three levels out (a visually hidden radio shows its focus on its tile), that
   * is big enough to see and not clipped away.
   */
  visible: boolean;
}

/** Presses Tab from the top of the page until focus comes back around; each stop reported. */
export async function tabThrough(page: Page, max = 60): Promise<TabStop[]> {
  // Start before the first element: a non-tabbable marker at the top of <body> gets the focus,
  // so the sequential navigation starts there whatever was clicked or focused before. Every
  // control's look without focus is noted first, to compare each stop against.
  await page.evaluate((selector) => {
    const start = document.createElement('span');
    start.id = 'kt-tab-start';
    start.tabIndex = -1;
    document.body.prepend(start);
    start.focus();
    window.scrollTo(0, 0);
    const looks = new Map<Element, string>();
    for (const el of document.querySelectorAll(selector)) {
      for (let e: Element | null = el, i = 0; e && e !== document.body && i < 4; i++) {
        const s = getComputedStyle(e);
        looks.set(e, [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join('|'));
        e = e.parentElement;
      }
    }
    (globalThis as { __ktUnfocused?: Map<Element, string> }).__ktUnfocused = looks;
  }, FOCUSABLE);
  const stops: TabStop[] = [];
  try {
    let idle = 0;
    for (let i = 0; i < max && idle < 2; i++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body || el.id === 'kt-tab-start') return undefined;
        const unfocused = (globalThis as { __ktUnfocused?: Map<Element, string> }).__ktUnfocused;
        const indicates = (e: Element) => {
          const s = getComputedStyle(e);
          const r = e.getBoundingClientRect();
          const seen =
            r.width >= 4 &&
            r.height >= 4 &&
            s.opacity !== '0' &&
            (s.clip === 'auto' || s.clip === '') &&
            s.clipPath === 'none';
          const drawn =
            (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
          const before = unfocused?.get(e);
          const look = [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join('|');
          return seen && drawn && (before === undefined || before !== look);
        };
        let visible = false;
        for (let e: Element | null = el, i = 0; e && e !== document.body && i < 4; i++) {
          if (indicates(e)) visible = true;
          e = e.parentElement;
        }
        const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
        return {
          key: el.dataset.ktFocusKey,
          name: `${el.tagName.toLowerCase()} "${text}"`,
          visible,
        };
      });
      // Past the last control the focus leaves the page for a moment, then wraps around.
      if (!stop) {
        idle++;
        continue;
      }
      idle = 0;
      if (stops.length > 0 && stop.key !== undefined && stop.key === stops[0]!.key) break;
      // A media element's own buttons (play, volume) are Tab stops that all report the element.
      if (stop.key !== undefined && stops.some((s) => s.key === stop.key)) continue;
      stops.push(stop);
    }
  } finally {
    await page.evaluate(() => {
      document.getElementById('kt-tab-start')?.remove();
      delete (globalThis as { __ktUnfocused?: unknown }).__ktUnfocused;
    });
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
