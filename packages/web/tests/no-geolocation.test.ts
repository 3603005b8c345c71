import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from './support/browser.js';
import {
  befriendChildrenViaApi,
  createChildViaApi,
  fill,
  linkCodeViaApi,
  linkKidDevice,
  signUpGuardian,
  strings,
} from './support/families.js';
import { openChatFromChatsTab } from './support/scenes.js';
import { browserSuite } from './support/suite.js';

const en = strings('en');

/** The place Kai types: a name and coordinates, never asked of the device. */
const PLACE = 'Library on Nanjing Road';
const LAT = 31.2304;
const LON = 121.4737;

/**
 * Every screen of the kids' app a child can reach: the tabs of its bottom bar, followed one by
 * one, plus the addresses of screens that open from inside others.
 */
const KID_PATHS = [
  '/kid',
  '/kid/chats',
  '/kid/friends',
  '/kid/friends/add',
  '/kid/me',
  '/kid/grown-ups-can-see',
  '/kid/help',
  '/kid/reports',
  '/kid/account',
];

/** What the served page's Permissions-Policy lets it ask for, as the browser reads it. */
async function geolocationAllowed(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const d = document as Document & {
      featurePolicy?: { allowsFeature(feature: string): boolean };
    };
    if (!d.featurePolicy) throw new Error('this Chromium has no document.featurePolicy');
    return d.featurePolicy.allowsFeature('geolocation');
  });
}

describe.runIf(chromiumAvailable())('no geolocation, ever (P8)', () => {
  const suite = browserSuite();

  const person = () => suite.person();

  it('walks the whole kids’ app, sends a place to a friend, and never touches a location API or prompts for one', async () => {
    const grownUp = await person();
    const guardian = await signUpGuardian(suite.server, grownUp, 'Ana');
    const child = await createChildViaApi(suite.server, guardian, {
      displayName: 'Kai',
      pin: '4829',
    });
    // Kai's sister, an approved contact on her own device: the other end of the chat.
    const sister = await createChildViaApi(suite.server, guardian, {
      displayName: 'Mia',
      pin: '5937',
    });
    const friend = await person();
    const sisterToken = await linkKidDevice(
      friend,
      await linkCodeViaApi(suite.server, guardian, sister),
      sister.displayName,
    );

    const kid = await person();
    const { page } = kid;
    // Before sign-in: the start page, the code screen and the QR scanner on the fake camera.
    await page.goto('/');
    await page.getByRole('link', { name: new RegExp(en.landing.kid) }).click();
    await page.getByRole('button', { name: en.kid.signIn.scan }).click();
    await page.getByRole('heading', { name: en.kid.signIn.scanTitle }).waitFor();
    await page.getByRole('button', { name: en.kid.signIn.scanStop }).click();
    const kidToken = await linkKidDevice(
      kid,
      await linkCodeViaApi(suite.server, guardian, child),
      child.displayName,
    );
    await befriendChildrenViaApi(
      suite.server,
      { child, token: kidToken, guardian },
      { child: sister, token: sisterToken, guardian },
    );

    // Signed in: every tab, then every address, each left to settle.
    const visited: string[] = [];
    const tabs = page.getByRole('navigation', { name: en.kid.nav.label }).getByRole('link');
    for (let i = 0; i < (await tabs.count()); i++) {
      await tabs.nth(i).click();
      await page.getByRole('heading', { level: 1 }).waitFor();
      visited.push(page.url());
    }
    for (const path of KID_PATHS) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      visited.push(path);
    }
    // The place tool: Kai opens the chat with Mia from the chats tab and sends a place typed by
    // hand, a name and coordinates; Mia's open chat shows it.
    await friend.page.goto(`/kid/chats/${child.publicId}`);
    await friend.page.getByTestId('chat').waitFor();
    await openChatFromChatsTab(page, sister.displayName);
    await page.getByTestId('composer-location').click();
    await page.getByTestId('location-name').fill(PLACE);
    await page.getByTestId('location-lat').fill(String(LAT));
    await page.getByTestId('location-lon').fill(String(LON));
    await page.getByTestId('location-send').click();
    const coordinates = fill(en.chat.content.coordinates, { lat: LAT, lon: LON });
    const received = friend.page.locator(
      '[data-testid="message"][data-type="location"][data-mine="false"]',
    );
    await expect.poll(() => received.allInnerTexts(), { timeout: 60_000 }).toHaveLength(1);
    const shown = await received.innerText();
    expect(shown).toContain(PLACE);
    expect(shown).toContain(coordinates);
    visited.push('place tool');

    expect(await kid.geolocationCalls()).toEqual([]);
    expect(await friend.geolocationCalls()).toEqual([]);
    expect(await grownUp.geolocationCalls()).toEqual([]);
    expect([...kid.dialogs, ...friend.dialogs, ...grownUp.dialogs]).toEqual([]);
    // The server's Permissions-Policy turns the feature off for the page: a prompt cannot appear,
    // and the browser answers "denied" without asking.
    expect(await geolocationAllowed(page)).toBe(false);
    const state = await page.evaluate(
      async () => (await navigator.permissions.query({ name: 'geolocation' })).state,
    );
    expect(state).toBe('denied');
    expect(visited.length).toBeGreaterThanOrEqual(KID_PATHS.length);
    expect([...kid.pageErrors, ...friend.pageErrors]).toEqual([]);
  });

  it('would catch a call: the instrumentation records it, across navigations, and answers with an error', async () => {
    const { page, geolocationCalls } = await person();
    await page.goto('/');
    await page.getByRole('heading', { name: en.landing.title }).waitFor();
    const answer = await page.evaluate(
      () =>
        new Promise<number>((resolve) =>
          navigator.geolocation.getCurrentPosition(
            () => resolve(0),
            (err) => resolve(err.code),
          ),
        ),
    );
    expect(answer).toBe(1);
    await page.evaluate(() => navigator.geolocation.watchPosition(() => undefined));
    // A call stays counted when the page then leaves for another address (the walk does).
    await page.goto('/kid');
    await page.getByRole('heading', { name: en.kid.signIn.title }).waitFor();
    await page.evaluate(() => navigator.permissions.query({ name: 'geolocation' }));
    expect((await geolocationCalls()).map((c) => c.api)).toEqual([
      'geolocation.getCurrentPosition',
      'geolocation.watchPosition',
      'permissions.query(geolocation)',
    ]);
  });
});
