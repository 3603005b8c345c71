import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { screenshot } from './support/artifacts.js';
import type { Language, Person } from './support/browser.js';
import { chromiumAvailable, PHONE, TABLET } from './support/browser.js';
import type { Guardian } from './support/families.js';
import {
  befriendChildrenViaApi,
  childOnDevice,
  createChildViaApi,
  fill,
  linkCodeViaApi,
  linkKidDevice,
  signUpGuardian,
  strings,
} from './support/families.js';
import {
  befriendGuardianAndChildViaApi,
  invitedAdult,
  makeGroupOnKidDevice,
  pinStateOnDashboard,
  sendText,
  wrongPinsViaApi,
} from './support/scenes.js';
import { browserSuite } from './support/suite.js';
import { expectOk } from './support/web-server.js';

const LANGUAGES: Language[] = ['en', 'zh-CN'];
const other = (l: Language): Language => (l === 'en' ? 'zh-CN' : 'en');

/** Text that looks like an i18n key (`kid.signIn.title`) shown raw instead of translated. */
const RAW_KEY =
  /\b(app|language|landing|kid|kidScreens|grownUps|grownUpScreens|chat|ui)\.[A-Za-z]+(\.[A-Za-z]+)*\b/;

async function switchLanguage(page: Page, to: Language): Promise<void> {
  const from = other(to);
  await page.getByLabel(strings(from).language.label).selectOption(to);
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(to);
}

/** The screen is in `language`: its heading, the document language, no raw key anywhere. */
async function expectInLanguage(page: Page, language: Language, heading?: string) {
  await page.getByRole('heading', { level: 1, name: heading }).first().waitFor();
  await page.waitForLoadState('networkidle');
  expect(await page.evaluate(() => document.documentElement.lang)).toBe(language);
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(RAW_KEY);
  // A zh-CN screen shows Chinese; an English one shows none (the language names excepted).
  const han = /[\u4e00-\u9fff]/;
  const withoutSwitcher = text.replace(/简体中文|语言/g, '');
  if (language === 'zh-CN') expect(text).toMatch(han);
  else expect(withoutSwitcher).not.toMatch(han);
}

/** Every main screen in both languages, at phone and tablet width, with a screenshot each. */
async function capture(person: Person, name: string, headingOf?: (l: Language) => string) {
  const page = person.page;
  const start = (await page.evaluate(() => document.documentElement.lang)) as Language;
  for (const viewport of [PHONE, TABLET]) {
    await page.setViewportSize(viewport);
    for (const language of [start, other(start)]) {
      const current = (await page.evaluate(() => document.documentElement.lang)) as Language;
      if (current !== language) await switchLanguage(page, language);
      await expectInLanguage(page, language, headingOf?.(language));
      // Nothing sticks out sideways on a 360-px phone.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow, `${name} overflows at ${viewport.width}px`).toBeLessThanOrEqual(0);
      await screenshot(page, 'i18n', name, language);
    }
  }
  await switchLanguage(page, start);
}

describe.runIf(chromiumAvailable())(
  'i18n: every main screen in Simplified Chinese and English',
  () => {
    const suite = browserSuite();
    const person = (language: Language) => suite.person({ language });

    it.each(LANGUAGES)(
      'picks %s from the browser language and remembers a switch',
      async (language) => {
        const p = await person(language);
        await p.page.goto('/');
        await expectInLanguage(p.page, language, strings(language).landing.title);
        await switchLanguage(p.page, other(language));
        await expectInLanguage(p.page, other(language), strings(other(language)).landing.title);
        // The choice outlives a reload and beats the browser language.
        await p.page.reload();
        await expectInLanguage(p.page, other(language), strings(other(language)).landing.title);
        expect(p.pageErrors).toEqual([]);
      },
    );

    it('shows the landing and sign-in screens in both languages at phone and tablet width', async () => {
      const p = await person('en');
      await p.page.goto('/');
      await capture(p, 'landing', (l) => strings(l).landing.title);
      await p.page.goto('/kid');
      await capture(p, 'kid-sign-in', (l) => strings(l).kid.signIn.title);
      await p.page.goto('/grown-ups');
      await capture(p, 'grown-ups-sign-in', (l) => strings(l).grownUps.signIn.title);
      await p.page.getByRole('button', { name: strings('en').grownUps.signIn.noAccount }).click();
      await capture(p, 'grown-ups-sign-up', (l) => strings(l).grownUps.signIn.signUpTitle);
      await p.page.goto('/no-such-page');
      await capture(p, 'not-found', (l) => strings(l).landing.title);
      expect(p.pageErrors).toEqual([]);
    });

    it('shows the signed-in screens of both apps in both languages', async () => {
      const grownUp = await person('en');
      const guardian: Guardian = await signUpGuardian(suite.server, grownUp, 'Mei');
      await capture(grownUp, 'grown-ups-home', (l) =>
        fill(strings(l).grownUps.home.title, { name: guardian.name }),
      );
      const child = await createChildViaApi(suite.server, guardian, {
        displayName: 'Lin',
        pin: '4829',
      });
      const kid = await person('zh-CN');
      await linkKidDevice(
        kid,
        await linkCodeViaApi(suite.server, guardian, child),
        child.displayName,
        'zh-CN',
      );
      await capture(kid, 'kid-home', (l) =>
        fill(strings(l).kid.home.title, { name: child.displayName }),
      );
      // The other main screens of each app: the heading is whatever the screen calls itself.
      for (const [path, name] of [
        ['/kid/chats', 'kid-chats'],
        ['/kid/friends', 'kid-friends'],
        ['/kid/me', 'kid-me'],
        ['/kid/grown-ups-can-see', 'kid-grown-ups-can-see'],
      ] as const) {
        await kid.page.goto(path);
        await capture(kid, name);
      }
      for (const [path, name] of [
        ['/grown-ups/chats', 'grown-ups-chats'],
        ['/grown-ups/children', 'grown-ups-children'],
        [`/grown-ups/children/${child.id}`, 'grown-ups-child-dashboard'],
        [`/grown-ups/children/${child.id}/contacts`, 'grown-ups-child-contacts'],
      ] as const) {
        await grownUp.page.goto(path);
        await capture(grownUp, name);
      }
      expect([...grownUp.pageErrors, ...kid.pageErrors]).toEqual([]);
    });

    it('shows the PIN lock, an invitation, groups and a refused message in both languages', async () => {
      const grownUp = await person('en');
      const guardian = await signUpGuardian(suite.server, grownUp, 'Rae');
      const samDevice = await person('zh-CN');
      const tiaDevice = await person('en');
      const samOn = await childOnDevice(
        suite.server,
        guardian,
        samDevice,
        { displayName: 'Sam', pin: '4829' },
        'zh-CN',
      );
      const tiaOn = await childOnDevice(suite.server, guardian, tiaDevice, {
        displayName: 'Tia',
        pin: '5937',
      });
      const [sam, tia, samToken] = [samOn.child, tiaOn.child, samOn.token];
      const gp = grownUp.page;

      // The dashboard's PIN section: locked after five wrong PINs, then after ten in all.
      const pinPath = `/grown-ups/children/${sam.id}/pin`;
      await wrongPinsViaApi(suite.server, samToken, sam, '1357', 5);
      await gp.goto(pinPath);
      await expect.poll(() => pinStateOnDashboard(gp)).toBe('locked');
      await capture(grownUp, 'grown-ups-pin-locked');
      expectOk(
        await suite.server.call({
          method: 'POST',
          path: `/v1/children/${sam.id}/pin/unlock`,
          token: guardian.token,
          body: {},
        }),
        'lift the lock',
      );
      await wrongPinsViaApi(suite.server, samToken, sam, '1357', 5);
      await gp.reload();
      await expect.poll(() => pinStateOnDashboard(gp)).toBe('reverify');
      await capture(grownUp, 'grown-ups-pin-needs-sms-code');
      await gp.getByTestId('pin-unlock-send-code').click();
      await gp.getByTestId('pin-unlock-code').waitFor();
      await capture(grownUp, 'grown-ups-pin-sms-code-asked');

      // Another adult's home with the invitation to look after Sam open.
      const invitee = await person('en');
      const { inviteId } = await invitedAdult(suite.server, invitee, 'Uri', guardian, sam);
      await invitee.page.reload();
      await invitee.page.getByTestId(`refuse-invite-${inviteId}`).waitFor();
      await capture(invitee, 'grown-ups-home-invitation', (l) =>
        fill(strings(l).grownUps.home.title, { name: 'Uri' }),
      );

      // Sam, Tia and Rae are each other's contacts; Sam makes a group of the three.
      await befriendChildrenViaApi(suite.server, samOn, tiaOn);
      await befriendGuardianAndChildViaApi(suite.server, guardian, sam);
      await befriendGuardianAndChildViaApi(suite.server, guardian, tia);
      await samDevice.page.goto('/kid/chats/groups/new');
      await samDevice.page.getByTestId('new-group-friend').nth(1).waitFor();
      await capture(samDevice, 'kid-new-group');
      const id = await makeGroupOnKidDevice(samDevice, [tia.publicId, guardian.publicId]);
      await tiaDevice.page.goto(`/kid/chats/groups/${id}`);
      await tiaDevice.page.getByTestId('chat').waitFor({ timeout: 60_000 });
      await gp.goto(`/grown-ups/chats/groups/${id}`);
      await gp.getByTestId('chat').waitFor({ timeout: 60_000 });
      await sendText(tiaDevice.page, 'Hello from Tia');
      await sendText(gp, 'Hello from Rae');
      await sendText(samDevice.page, 'Hi both');
      for (const page of [samDevice.page, gp]) {
        await page.getByTestId('message-sender').nth(1).waitFor();
      }
      await capture(samDevice, 'kid-group-chat');
      await capture(grownUp, 'grown-ups-group-chat');

      // "Could not send" with "Try again": the contact ended, the chat with Sam refuses.
      await gp.goto(`/grown-ups/chats/${sam.publicId}`);
      await gp.getByTestId('chat').waitFor({ timeout: 60_000 });
      expectOk(
        await suite.server.call({
          method: 'DELETE',
          path: `/v1/contacts/${sam.publicId}`,
          token: guardian.token,
        }),
        'end the contact',
      );
      await gp.getByTestId('composer-text').fill('Are you there?');
      await gp.getByTestId('composer-send').click();
      await gp.getByTestId('retry-send').waitFor({ timeout: 20_000 });
      await capture(grownUp, 'grown-ups-chat-could-not-send');
      const all = [grownUp, invitee, samDevice, tiaDevice].flatMap((p) => p.pageErrors);
      expect(all).toEqual([]);
    });
  },
);
