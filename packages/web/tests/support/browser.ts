import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { chromium } from 'playwright-core';

/**
 * Debian's Chromium, never a downloaded one (`.ci/run` installs it when missing). Playwright's
 * `launch` gives every run a fresh temporary profile (user-data-dir) and deletes it on close.
 */
export const CHROMIUM_PATH = process.env.KIDTALK_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Camera and microphone: the fake devices, allowed without a prompt. Nothing else is granted.
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
];

/**
 * Whether the browser tests can run. Under CI a missing Chromium is a failure, never a skip;
 * on a machine without it the suites skip and say why.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true') {
    throw new Error(`Chromium is required under CI=true but ${CHROMIUM_PATH} does not exist`);
  }
  console.warn(
    `browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set KIDTALK_CHROMIUM)`,
  );
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, timeout: 60_000 });
}

/** A 360-px-wide phone and a tablet (issue 5, item 11). */
export const PHONE = { width: 360, height: 740 } as const;
export const TABLET = { width: 820, height: 1180 } as const;

export type Language = 'en' | 'zh-CN';

export interface PersonOptions {
  baseURL: string;
  language?: Language;
  viewport?: { width: number; height: number };
}

/**
 * Calls a page made to location APIs: an init script wraps them before any app code runs and
 * reports each call to the test process.
 */
export interface GeolocationCall {
  api: string;
  detail: string;
}

/**
 * One person's own browser context (their own storage, session and device), with a page open.
 * Every page is instrumented: location API calls are recorded, errors are kept, and the bearer
 * token the app sends is remembered so a test can call the API as that person.
 */
export interface Person {
  context: BrowserContext;
  page: Page;
  /** The newest bearer token the app sent (after sign-in or device linking). */
  token(): string | undefined;
  geolocationCalls(): Promise<GeolocationCall[]>;
  /** Uncaught page errors (a crashing screen must fail the test that shows it). */
  pageErrors: string[];
  /** Dialogs (alert, confirm, prompt, beforeunload) the page opened. */
  dialogs: string[];
  close(): Promise<void>;
}

export async function newPerson(browser: Browser, o: PersonOptions): Promise<Person> {
  const language = o.language ?? 'en';
  const context = await browser.newContext({
    baseURL: o.baseURL,
    locale: language,
    viewport: o.viewport ?? PHONE,
    // No permission is granted: a geolocation request would have to prompt, and is recorded.
    permissions: [],
    serviceWorkers: 'allow',
  });
  // Each call is reported to this process as it happens, so a call on a page that was then
  // navigated away from (page.goto, a reload) is still counted.
  const geoCalls: GeolocationCall[] = [];
  await context.exposeBinding('__ktGeoReport', (_source, call: GeolocationCall) => {
    geoCalls.push(call);
  });
  await context.addInitScript(instrumentGeolocation);
  let token: string | undefined;
  const onRequest = (req: Request) => {
    const auth = req.headers()['authorization'];
    if (auth?.startsWith('Bearer ')) token = auth.slice('Bearer '.length);
  };
  context.on('request', onRequest);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return {
    context,
    page,
    token: () => token,
    geolocationCalls: async () => {
      // A round trip to every open page first: a report sent before it has arrived after it.
      for (const p of context.pages()) await p.evaluate(() => 0).catch(() => undefined);
      return [...geoCalls];
    },
    pageErrors,
    dialogs,
    close: () => context.close(),
  };
}

/**
 * Runs in every page before the app: wraps each way a page can ask for the device's location
 * (P8) so that a call is recorded and answered with an error instead of reaching the browser.
 */
function instrumentGeolocation(): void {
  const report = (api: string) =>
    void (
      globalThis as { __ktGeoReport?: (c: { api: string; detail: string }) => Promise<void> }
    ).__ktGeoReport?.({ api, detail: `${location.href}\n${new Error().stack ?? ''}` });
  const geo = navigator.geolocation as Geolocation | undefined;
  if (geo) {
    const denied = { code: 1, message: 'denied by test', PERMISSION_DENIED: 1 };
    geo.getCurrentPosition = (_ok, fail) => {
      report('geolocation.getCurrentPosition');
      fail?.(denied as GeolocationPositionError);
    };
    geo.watchPosition = (_ok, fail) => {
      report('geolocation.watchPosition');
      fail?.(denied as GeolocationPositionError);
      return 0;
    };
  }
  const permissions = navigator.permissions as Permissions | undefined;
  if (permissions) {
    const query = permissions.query.bind(permissions);
    permissions.query = (descriptor: PermissionDescriptor) => {
      if (descriptor?.name === 'geolocation') {
        report('permissions.query(geolocation)');
      }
      return query(descriptor);
    };
  }
}
