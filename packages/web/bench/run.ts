import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { CHROMIUM_PATH, launchBrowser, PHONE } from '../tests/support/browser.js';
import { ensureWebBuilt, startWebServer } from '../tests/support/web-server.js';

/**
 * `npm run bench -w packages/web`: the bundle sizes (scripts/bundle-size.mjs) and the kids'
 * app's first load in Chromium from the real server on localhost. Prints one JSON object.
 * Each cold load is a fresh browser context (no HTTP cache, no service worker); each warm load
 * is a reload in the same context, served by the cache and the service worker.
 */
const LOADS = Number(process.env.KIDTALK_BENCH_WEB_LOADS ?? 7);
const here = path.dirname(fileURLToPath(import.meta.url));

function bundleSizes(): Record<string, unknown> {
  const run = spawnSync(process.execPath, [path.join(here, '../scripts/bundle-size.mjs')], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`bundle-size failed: ${run.stderr}`);
  const sizes = JSON.parse(run.stdout) as Record<string, Record<string, unknown>>;
  // The file lists are for reading by hand; the bench keeps the numbers.
  for (const app of Object.values(sizes)) if (typeof app === 'object') delete app.files;
  return sizes;
}

/**
 * Runs in the page before the app: the time the first screen's title appears. A string, not a
 * function: tsx would wrap a named inner function in a helper the page does not have.
 */
const MARK_INTERACTIVE = `
  new MutationObserver(() => {
    if (globalThis.__ktInteractive === undefined && document.getElementById('kt-screen-title')) {
      globalThis.__ktInteractive = performance.now();
    }
  }).observe(document, { childList: true, subtree: true });
`;

interface Load {
  fcpMs: number;
  interactiveMs: number;
  domContentLoadedMs: number;
}

async function measure(browser: Browser, url: string): Promise<{ cold: Load[]; warm: Load[] }> {
  const cold: Load[] = [];
  const warm: Load[] = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: PHONE, locale: 'en' });
    await context.addInitScript(MARK_INTERACTIVE);
    const page = await context.newPage();
    const once = async (): Promise<Load> => {
      await page.waitForFunction(
        () =>
          (globalThis as { __ktInteractive?: number }).__ktInteractive !== undefined &&
          performance.getEntriesByName('first-contentful-paint').length > 0,
        undefined,
        { timeout: 30_000 },
      );
      return page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return {
          fcpMs: performance.getEntriesByName('first-contentful-paint')[0]!.startTime,
          interactiveMs: (globalThis as { __ktInteractive?: number }).__ktInteractive!,
          domContentLoadedMs: nav.domContentLoadedEventEnd,
        };
      });
    };
    await page.goto(url);
    cold.push(await once());
    // Let the service worker install and cache the shell before the warm load.
    await page.evaluate(() => navigator.serviceWorker?.ready);
    await page.reload();
    warm.push(await once());
    await context.close();
  }
  return { cold, warm };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return Math.round((s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2) * 10) / 10;
}

function summary(loads: Load[]) {
  return {
    fcpMs: median(loads.map((l) => l.fcpMs)),
    interactiveMs: median(loads.map((l) => l.interactiveMs)),
    domContentLoadedMs: median(loads.map((l) => l.domContentLoadedMs)),
  };
}

ensureWebBuilt();
const out: Record<string, unknown> = { bundle: bundleSizes() };
if (!existsSync(CHROMIUM_PATH)) {
  out.firstLoad = { skipped: `no Chromium at ${CHROMIUM_PATH}` };
} else {
  const [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
  try {
    const { cold, warm } = await measure(browser, `${server.url}/kid`);
    out.firstLoad = {
      page: '/kid (sign-in screen)',
      loads: LOADS,
      definition:
        'median ms from navigation start: first contentful paint, and the first screen title in the DOM (interactive)',
      cold: summary(cold),
      warm: summary(warm),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
console.log(JSON.stringify(out, null, 2));
