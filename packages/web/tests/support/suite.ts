import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { TestDialect } from '../../../server/tests/support/databases.js';
import { failureScreenshots } from './artifacts.js';
import type { Language, Person } from './browser.js';
import { launchBrowser, newPerson } from './browser.js';
import type { WebServer } from './web-server.js';
import { startWebServer } from './web-server.js';

export interface BrowserSuite {
  /** The running server; only valid inside tests and hooks (it starts in `beforeAll`). */
  readonly server: WebServer;
  readonly browser: Browser;
  /** A new person with their own browser context, closed when the suite ends. */
  person(options?: {
    language?: Language;
    viewport?: { width: number; height: number };
  }): Promise<Person>;
}

/**
 * The setup every browser suite shares, registered in the calling `describe`: a real server
 * (fresh database of `dialect`) and Chromium started together, each person's context closed at
 * the end, and a screenshot of every open page when a test fails (named by dialect and test, so
 * a suite run on both dialects keeps both).
 */
export function browserSuite(dialect: TestDialect = 'sqlite'): BrowserSuite {
  let server: WebServer | undefined;
  let browser: Browser | undefined;
  const people: Person[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(dialect), launchBrowser()]);
  });
  afterAll(async () => {
    for (const p of people) await p.close();
    await browser?.close();
    await server?.close();
  });
  beforeEach(({ onTestFailed, task }) => {
    onTestFailed(() =>
      failureScreenshots(
        people.map((p) => p.page),
        `${dialect} ${task.name}`,
      ),
    );
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the suite's ${what} is not started yet`);
    return value;
  };
  return {
    get server() {
      return started(server, 'server');
    },
    get browser() {
      return started(browser, 'browser');
    },
    async person(options = {}) {
      const p = await newPerson(started(browser, 'browser'), {
        baseURL: started(server, 'server').url,
        ...options,
      });
      people.push(p);
      return p;
    },
  };
}
