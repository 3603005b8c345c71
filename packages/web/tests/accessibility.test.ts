import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  focusableControls,
  imagesWithoutAlt,
  seriousViolations,
  tabThrough,
} from './support/accessibility.js';
import { chromiumAvailable } from './support/browser.js';
import {
  createChildViaApi,
  fill,
  linkCodeViaApi,
  linkKidDevice,
  signUpGuardian,
  strings,
} from './support/families.js';
import { browserSuite } from './support/suite.js';

const en = strings('en');

/** The kids' screens a signed-in child reaches (kid/routes.tsx). */
const KID_SCREENS = [
  '/kid/chats',
  '/kid/friends',
  '/kid/friends/add',
  '/kid/me',
  '/kid/reports',
  '/kid/help',
  '/kid/grown-ups-can-see',
  '/kid/account',
];
/** The grown-ups' screens, and each child's dashboard sections (grown-ups/children). */
const GROWN_UP_SCREENS = ['/grown-ups/chats', '/grown-ups/children', '/grown-ups/children/new'];
const CHILD_SECTIONS = [
  '',
  '/profile',
  '/pin',
  '/devices',
  '/contacts',
  '/settings',
  '/guardians',
  '/conversations',
  '/reports',
  '/consents',
  '/data',
];

async function settle(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
}

/** The page as it is now passes axe (no serious or critical finding) and names every image. */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  expect(await seriousViolations(page), `axe on ${screen}`).toEqual([]);
  expect(await imagesWithoutAlt(page), `images without text on ${screen}`).toEqual([]);
}

/** Tab reaches every control on the page, and each shows where the focus is. */
async function expectKeyboardReachable(page: Page, screen: string): Promise<void> {
  const controls = await focusableControls(page);
  expect(controls.length, `controls on ${screen}`).toBeGreaterThan(0);
  const stops = await tabThrough(page);
  const reached = new Set(stops.map((s) => s.key));
  const missed = controls.filter((c) => !reached.has(c.key)).map((c) => c.name);
  expect(missed, `not reachable by Tab on ${screen}`).toEqual([]);
  const invisible = stops.filter((s) => !s.visible).map((s) => s.name);
  expect(invisible, `focus not visible on ${screen}`).toEqual([]);
}

describe.runIf(chromiumAvailable())('accessibility: axe, keyboard and text alternatives', () => {
  const suite = browserSuite();

  const person = (language: 'en' | 'zh-CN' = 'en') => suite.person({ language });

  it('finds nothing serious on the screens before sign-in, in both languages', async () => {
    for (const language of ['en', 'zh-CN'] as const) {
      const s = strings(language);
      const { page } = await person(language);
      await page.goto('/');
      await page.getByRole('heading', { name: s.landing.title }).waitFor();
      await expectAccessible(page, `landing (${language})`);

      await page.goto('/kid');
      await page.getByRole('heading', { name: s.kid.signIn.title }).waitFor();
      await expectAccessible(page, `kid sign-in (${language})`);
      // A wrong code shows the error state: it must be announced and pass too.
      await page.getByLabel(s.kid.signIn.codeLabel).fill('ABC');
      await page.getByRole('button', { name: s.kid.signIn.submit }).click();
      await page.getByRole('alert').filter({ hasText: s.kid.signIn.codeWrong }).waitFor();
      await expectAccessible(page, `kid sign-in with an error (${language})`);
      // The QR scanner, with the fake camera playing.
      await page.getByRole('button', { name: s.kid.signIn.scan }).click();
      await page.getByRole('heading', { name: s.kid.signIn.scanTitle }).waitFor();
      await expectAccessible(page, `QR scanner (${language})`);

      await page.goto('/grown-ups');
      await page.getByRole('heading', { name: s.grownUps.signIn.title }).waitFor();
      await expectAccessible(page, `grown-ups sign-in (${language})`);
      await page.getByRole('button', { name: s.grownUps.signIn.noAccount }).click();
      await page.getByLabel(s.grownUps.signIn.phoneLabel).fill('12');
      await page.getByRole('button', { name: s.grownUps.signIn.sendCode }).click();
      await page.getByRole('alert').first().waitFor();
      await expectAccessible(page, `grown-ups sign-up with an error (${language})`);

      await page.goto('/nowhere');
      await expectAccessible(page, `unknown address (${language})`);
    }
  });

  it('finds nothing serious on the signed-in screens of both apps', async () => {
    const grownUp = await person();
    const guardian = await signUpGuardian(suite.server, grownUp, 'Ada');
    await expectAccessible(grownUp.page, 'grown-ups home');
    const child = await createChildViaApi(suite.server, guardian, {
      displayName: 'Bo',
      pin: '4829',
    });
    const kid = await person();
    await linkKidDevice(
      kid,
      await linkCodeViaApi(suite.server, guardian, child),
      child.displayName,
    );
    await expectAccessible(kid.page, 'kid home');
    for (const path of KID_SCREENS) {
      await kid.page.goto(path);
      await settle(kid.page);
      await expectAccessible(kid.page, path);
    }
    for (const path of [
      ...GROWN_UP_SCREENS,
      ...CHILD_SECTIONS.map((s) => `/grown-ups/children/${child.id}${s}`),
    ]) {
      await grownUp.page.goto(path);
      await settle(grownUp.page);
      await expectAccessible(grownUp.page, path);
    }
    await kid.page.goto('/kid/nowhere');
    await kid.page.getByRole('heading', { name: en.app.notFound }).waitFor();
    await expectAccessible(kid.page, 'kid unknown address');
  });

  it('reaches every control of the landing and sign-in screens by keyboard, focus visible', async () => {
    const { page } = await person();
    await page.goto('/');
    await page.getByRole('heading', { name: en.landing.title }).waitFor();
    await expectKeyboardReachable(page, 'landing');

    await page.goto('/kid');
    await page.getByRole('heading', { name: en.kid.signIn.title }).waitFor();
    await expectKeyboardReachable(page, 'kid sign-in');

    await page.goto('/grown-ups');
    await page.getByRole('heading', { name: en.grownUps.signIn.title }).waitFor();
    await expectKeyboardReachable(page, 'grown-ups sign-in');
    // The code step, reached by keyboard alone: type the number, Enter submits.
    await page.getByLabel(en.grownUps.signIn.phoneLabel).focus();
    await page.keyboard.type('+8613912345678');
    await page.keyboard.press('Enter');
    await page.getByLabel(en.grownUps.signIn.codeLabel).waitFor();
    await expectKeyboardReachable(page, 'grown-ups sign-in, code step');
  });

  it('would notice an unreachable control, a hidden focus ring and an image without text', async () => {
    // The checks above must be able to fail: a page with each fault is caught.
    const { page } = await person();
    await page.goto('/');
    await page.getByRole('heading', { name: en.landing.title }).waitFor();
    await page.evaluate(() => {
      const main = document.querySelector('main')!;
      const fenced = document.createElement('div');
      fenced.inert = true;
      fenced.innerHTML = '<button type="button">unreachable</button>';
      const ringless = document.createElement('button');
      ringless.textContent = 'no focus ring';
      ringless.style.outline = 'none';
      const img = document.createElement('img');
      img.src = '/icons/icon.svg';
      main.append(fenced, ringless, img);
    });
    await expect(expectKeyboardReachable(page, 'faulty landing')).rejects.toThrow(/unreachable/);
    const stops = await tabThrough(page);
    expect(stops.filter((s) => !s.visible).map((s) => s.name)).toEqual(['button "no focus ring"']);
    expect(await imagesWithoutAlt(page)).toHaveLength(1);
    expect((await seriousViolations(page)).map((v) => v.id)).toContain('image-alt');
  });

  it('names people in the text alternative of their pictures', async () => {
    // Avatars are drawn as an initial on a colour: their text alternative names the person.
    const grownUp = await person();
    const guardian = await signUpGuardian(suite.server, grownUp, 'Zoe');
    await expect
      .poll(() =>
        grownUp.page
          .getByRole('img', { name: fill(en.ui.avatarOf, { name: guardian.name }) })
          .count(),
      )
      .toBe(1);
  });
});
