import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Language } from './browser.js';
import { ROOT } from './web-server.js';

/** Screenshots land here (gitignored); CI keeps the folder as the run's artifacts. */
export const ARTIFACTS = path.join(ROOT, 'packages/web/test-artifacts');

/** A full-page screenshot named screen-language-width.png, under a folder per suite. */
export async function screenshot(
  page: Page,
  suite: string,
  screen: string,
  language: Language,
): Promise<string> {
  const dir = path.join(ARTIFACTS, suite);
  mkdirSync(dir, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  const file = path.join(dir, `${screen}-${language}-${width}.png`);
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/** For `onTestFailed`: what every open page showed when the test failed. */
export async function failureScreenshots(pages: Page[], test: string): Promise<void> {
  const dir = path.join(ARTIFACTS, 'failures');
  mkdirSync(dir, { recursive: true });
  const slug = test.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 80);
  let i = 0;
  for (const page of pages) {
    if (page.isClosed()) continue;
    await page
      .screenshot({ path: path.join(dir, `${slug}-${i++}.png`), fullPage: true })
      .catch(() => undefined);
  }
}
