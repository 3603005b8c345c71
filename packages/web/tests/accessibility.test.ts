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
  befriendChildrenViaApi,
  createChildViaApi,
  fill,
  linkCodeViaApi,
  linkKidDevice,
  siblingsOnDevices,
  signUpGuardian,
  strings,
} from './support/families.js';
import {
  befriendGuardianAndChildViaApi,
  invitedAdult,
  makeGroupOnKidDevice,
  pinStateOnDashboard,
  recordFrames,
  sendText,
  typePinOnKidDevice,
  wrongPinsViaApi,
} from './support/scenes.js';
import { browserSuite } from './support/suite.js';
import { readSmsCode } from './support/web-server.js';

const en = strings('en');
const g = en.grownUpScreens;

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
const GROWN_UP_SCREENS = [
  '/grown-ups/chats',
  '/grown-ups/children',
  '/grown-ups/children/new',
  '/grown-ups/account',
];
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

/**
 * What keeps the page from being used by keyboard alone: controls Tab never reaches (and
 * elements that look or announce themselves as controls but cannot take focus), and Tab stops
 * whose focus does not show.
 */
async function keyboardProblems(
  page: Page,
): Promise<{ controls: number; missed: string[]; invisible: string[] }> {
  const controls = await focusableControls(page);
  const stops = await tabThrough(page, controls.length + 20);
  const reached = new Set(stops.map((s) => s.key));
  return {
    controls: controls.length,
    missed: controls.filter((c) => !reached.has(c.key)).map((c) => c.name),
    invisible: stops.filter((s) => !s.visible).map((s) => s.name),
  };
}

/** Tab reaches every control on the page, and each shows where the focus is. */
async function expectKeyboardReachable(page: Page, screen: string): Promise<void> {
  const { controls, missed, invisible } = await keyboardProblems(page);
  expect(controls, `controls on ${screen}`).toBeGreaterThan(0);
  expect(missed, `not reachable by Tab on ${screen}`).toEqual([]);
  expect(invisible, `focus not visible on ${screen}`).toEqual([]);
}

/**
 * Everything wrong with the page as it is now, in words: axe's serious and critical findings,
 * images without text, controls Tab never reaches and Tab stops whose focus does not show.
 * Empty when the screen passes; a test collects these over several screens, then fails once.
 */
async function screenProblems(page: Page): Promise<string[]> {
  const axe = await seriousViolations(page);
  const images = await imagesWithoutAlt(page);
  const { controls, missed, invisible } = await keyboardProblems(page);
  return [
    ...axe.map((v) => `axe ${v.id} (${v.impact}): ${v.nodes.join(' ')}`),
    ...images.map((i) => `image without text: ${i}`),
    ...(controls === 0 ? ['no control at all'] : []),
    ...missed.map((m) => `not reachable by Tab: ${m}`),
    ...invisible.map((m) => `focus not visible: ${m}`),
  ];
}

/** The screen's problems noted under its name, so one run names every faulty screen. */
async function lookAt(page: Page, screen: string, problems: Record<string, string[]>) {
  await settle(page);
  const found = await screenProblems(page);
  if (found.length > 0) problems[screen] = found;
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

  it('reaches every control of every signed-in screen of both apps by keyboard, focus visible', async () => {
    // One family with two children who are each other's contact, each on its own device, so
    // the friend and chat screens have someone in them.
    const grownUp = await person();
    const guardian = await signUpGuardian(suite.server, grownUp, 'Eve');
    const kid = await person();
    const sisterDevice = await person();
    const [tao, uma] = await siblingsOnDevices(
      suite.server,
      guardian,
      [kid, { displayName: 'Tao', pin: '4829' }],
      [sisterDevice, { displayName: 'Uma', pin: '5937' }],
    );
    const [child, sister] = [tao.child, uma.child];

    // Every screen is gone through before failing, so one run names every fault.
    const problems: Record<string, string[]> = {};
    const walk = async (page: Page, screen: string) => {
      await settle(page);
      const { controls, missed, invisible } = await keyboardProblems(page);
      const found = [
        ...(controls === 0 ? ['no control at all'] : []),
        ...missed.map((m) => `not reachable by Tab: ${m}`),
        ...invisible.map((m) => `focus not visible: ${m}`),
      ];
      if (found.length > 0) problems[screen] = found;
    };

    // A chat with a message in it, the message typed and sent by keyboard alone.
    const chat = `/kid/chats/${sister.publicId}`;
    await kid.page.goto(chat);
    await kid.page.getByTestId('chat').waitFor();
    await kid.page.getByTestId('composer-text').focus();
    await kid.page.keyboard.type('Hello Uma');
    await kid.page.keyboard.press('Enter');
    await kid.page.getByTestId('message-log').getByText('Hello Uma').waitFor();
    await walk(kid.page, chat);
    // A tool panel open, the place tool with its fields.
    await kid.page.getByTestId('composer-location').click();
    await kid.page.getByTestId('location-name').waitFor();
    await walk(kid.page, `${chat}, place tool open`);
    for (const path of ['/kid', ...KID_SCREENS, `/kid/friends/${sister.publicId}`]) {
      await kid.page.goto(path);
      await walk(kid.page, path);
    }
    // The account screen behind the PIN, the PIN typed on the keyboard.
    await kid.page.goto('/kid/account');
    await kid.page.getByRole('button', { name: fill(en.ui.pin.digit, { digit: '1' }) }).focus();
    await kid.page.keyboard.type('4829');
    await kid.page.getByTestId('account-delete-start').waitFor();
    await walk(kid.page, '/kid/account, after the PIN');
    for (const path of [
      '/grown-ups',
      ...GROWN_UP_SCREENS,
      ...CHILD_SECTIONS.map((s) => `/grown-ups/children/${child.id}${s}`),
    ]) {
      await grownUp.page.goto(path);
      await walk(grownUp.page, path);
    }
    expect(problems).toEqual({});
  });

  it('shows the dashboard PIN locked, then needing the SMS code, and the guardian unlocks it each time', async () => {
    const grownUp = await person();
    const guardian = await signUpGuardian(suite.server, grownUp, 'Ivy');
    const child = await createChildViaApi(suite.server, guardian, {
      displayName: 'Jin',
      pin: '4829',
    });
    const kid = await person();
    const kidToken = await linkKidDevice(
      kid,
      await linkCodeViaApi(suite.server, guardian, child),
      child.displayName,
    );
    const problems: Record<string, string[]> = {};
    const look = (page: Page, screen: string) => lookAt(page, screen, problems);
    const pinPath = `/grown-ups/children/${child.id}/pin`;
    const gp = grownUp.page;
    const accountOpen = kid.page.getByTestId('account-delete-start');
    const pinLocked = en.kidScreens.account.pinLocked.split('{{')[0]!;

    // Five wrong PINs typed on the child's device: the fifth locks it, and then even the right
    // PIN is refused.
    await kid.page.goto('/kid/account');
    for (let i = 0; i < 5; i++) await typePinOnKidDevice(kid, '1357');
    await kid.page.getByRole('alert').filter({ hasText: en.kidScreens.account.pinWrong }).waitFor();
    await typePinOnKidDevice(kid, child.pin);
    await kid.page.getByRole('alert').filter({ hasText: pinLocked }).waitFor();
    expect(await accountOpen.count()).toBe(0);

    await gp.goto(pinPath);
    await expect.poll(() => pinStateOnDashboard(gp)).toBe('locked');
    await gp.getByTestId('pin-unlock').waitFor();
    await look(gp, `${pinPath}, locked`);
    await gp.getByTestId('pin-unlock').click();
    await expect.poll(() => pinStateOnDashboard(gp)).toBe('ok');
    await gp.getByText(g.pinLock.unlocked).waitFor();
    // The child's device takes the right PIN again.
    await typePinOnKidDevice(kid, child.pin);
    await accountOpen.waitFor();

    // Five more wrong (ten in all, through the API the device uses): only an SMS code unlocks.
    expect(await wrongPinsViaApi(suite.server, kidToken, child, '1357', 5)).toEqual(
      Array(5).fill('PIN_INVALID'),
    );
    expect(await wrongPinsViaApi(suite.server, kidToken, child, child.pin, 1)).toEqual([
      'PIN_REVERIFY_REQUIRED',
    ]);
    await gp.goto(pinPath);
    await expect.poll(() => pinStateOnDashboard(gp)).toBe('reverify');
    expect(await gp.getByTestId('pin-unlock').count()).toBe(0);
    await look(gp, `${pinPath}, needs the SMS code`);
    const asked = Date.now() - 1000;
    await gp.getByTestId('pin-unlock-send-code').click();
    await gp.getByTestId('pin-unlock-code').waitFor();
    await gp.getByText(g.pinLock.codeSent).waitFor();
    await look(gp, `${pinPath}, SMS code asked`);
    const code = await readSmsCode(suite.server, guardian.phone, asked);
    // A wrong code does not unlock it.
    const wrong = `${code.slice(0, 5)}${(Number(code[5]) + 1) % 10}`;
    await gp.getByTestId('pin-unlock-code').fill(wrong);
    await gp.getByTestId('pin-unlock-with-code').click();
    await gp.getByRole('alert').filter({ hasText: g.pinLock.codeWrong }).waitFor();
    expect(await pinStateOnDashboard(gp)).toBe('reverify');
    await gp.getByTestId('pin-unlock-code').fill(code);
    await gp.getByTestId('pin-unlock-with-code').click();
    await expect.poll(() => pinStateOnDashboard(gp)).toBe('ok');
    await kid.page.goto('/kid/account');
    await typePinOnKidDevice(kid, child.pin);
    await accountOpen.waitFor();
    expect(problems).toEqual({});
    expect([...grownUp.pageErrors, ...kid.pageErrors]).toEqual([]);
  });

  it('shows an open guardian invitation on the grown-ups home, and refusing removes it', async () => {
    const inviter = await person();
    const guardian = await signUpGuardian(suite.server, inviter, 'Kim');
    const child = await createChildViaApi(suite.server, guardian, {
      displayName: 'Lu',
      pin: '4829',
    });
    const invitee = await person();
    const { adult, inviteId } = await invitedAdult(suite.server, invitee, 'Max', guardian, child);
    const page = invitee.page;
    await page.reload();
    await page.getByTestId(`accept-invite-${inviteId}`).waitFor();
    await page.getByText(fill(g.home.invite, { inviter: 'Kim', child: 'Lu' })).waitFor();
    await settle(page);
    expect(await screenProblems(page)).toEqual([]);

    await page.getByTestId(`refuse-invite-${inviteId}`).click();
    await page.getByText(fill(g.home.refused, { child: 'Lu' })).waitFor();
    // The list reloads after the answer: the invitation leaves it a moment later.
    await expect
      .poll(() => page.getByTestId(`accept-invite-${inviteId}`).count(), { timeout: 10_000 })
      .toBe(0);
    const open = await suite.server.call({
      method: 'GET',
      path: '/v1/guardian-invites',
      token: adult.token,
    });
    expect(open.status).toBe(200);
    expect(JSON.stringify(open.body)).not.toContain(inviteId);
    // Gone for good: not back after a reload, and the adult is not the child's guardian.
    await page.reload();
    await page
      .getByRole('heading', { name: fill(en.grownUps.home.title, { name: 'Max' }) })
      .waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId(`refuse-invite-${inviteId}`).count()).toBe(0);
    const theirs = await suite.server.call({
      method: 'GET',
      path: `/v1/children/${child.id}`,
      token: adult.token,
    });
    expect(theirs.status).toBe(404);
    expect(invitee.pageErrors).toEqual([]);
  });

  it('makes a group and chats in it from both apps, senders named; a refused message offers "Try again"', async () => {
    // One guardian and two of their children, all three each other's contacts, each on a device.
    const grownUp = await person();
    const guardian = await signUpGuardian(suite.server, grownUp, 'Nia');
    const oli = await createChildViaApi(suite.server, guardian, {
      displayName: 'Oli',
      pin: '4829',
    });
    const pia = await createChildViaApi(suite.server, guardian, {
      displayName: 'Pia',
      pin: '5937',
    });
    const oliDevice = await person();
    const oliToken = await linkKidDevice(
      oliDevice,
      await linkCodeViaApi(suite.server, guardian, oli),
      oli.displayName,
    );
    const piaDevice = await person();
    const piaToken = await linkKidDevice(
      piaDevice,
      await linkCodeViaApi(suite.server, guardian, pia),
      pia.displayName,
    );
    await befriendChildrenViaApi(
      suite.server,
      { child: oli, token: oliToken, guardian },
      { child: pia, token: piaToken, guardian },
    );
    await befriendGuardianAndChildViaApi(suite.server, guardian, oli);
    await befriendGuardianAndChildViaApi(suite.server, guardian, pia);
    const problems: Record<string, string[]> = {};
    const look = (page: Page, screen: string) => lookAt(page, screen, problems);

    // The "New group" screen, as it opens and after too few friends were picked.
    const op = oliDevice.page;
    await op.goto('/kid/chats/groups/new');
    await op.getByTestId('new-group-friend').nth(1).waitFor();
    await look(op, '/kid/chats/groups/new');
    await op.getByTestId('new-group-friend').first().check();
    await op.getByTestId('new-group-create').click();
    await op.getByTestId('new-group-error').waitFor();
    expect(await op.getByTestId('new-group-error').getAttribute('data-reason')).toBe('tooFew');
    await look(op, '/kid/chats/groups/new, too few picked');

    const id = await makeGroupOnKidDevice(oliDevice, [pia.publicId, guardian.publicId]);
    const kidGroup = `/kid/chats/groups/${id}`;
    const grownUpGroup = `/grown-ups/chats/groups/${id}`;
    await piaDevice.page.goto(kidGroup);
    await piaDevice.page.getByTestId('chat').waitFor({ timeout: 60_000 });
    await grownUp.page.goto(grownUpGroup);
    await grownUp.page.getByTestId('chat').waitFor({ timeout: 60_000 });
    await sendText(piaDevice.page, 'Hello from Pia');
    await sendText(grownUp.page, 'Hello from Nia');
    await sendText(op, 'Hi both');

    // Each incoming bubble names its sender as this person knows them; one's own names no one.
    const senders = async (page: Page) => {
      const log = page.getByTestId('message-log');
      await log.getByText('Hi both').or(log.getByText('Hello from Nia')).first().waitFor();
      return page
        .getByTestId('message')
        .evaluateAll((els) =>
          els.map((el) => [
            el.querySelector('.kt-bubble__text')?.textContent ?? '',
            el.getAttribute('data-mine'),
            el.querySelector('[data-testid=message-sender]')?.textContent ?? null,
          ]),
        );
    };
    await op.getByTestId('message-log').getByText('Hello from Nia').waitFor();
    await op.getByTestId('message-log').getByText('Hello from Pia').waitFor();
    expect(new Set(await senders(op))).toEqual(
      new Set([
        ['Hello from Pia', 'false', 'Pia'],
        ['Hello from Nia', 'false', 'Nia'],
        ['Hi both', 'true', null],
      ]),
    );
    await grownUp.page.getByTestId('message-log').getByText('Hi both').waitFor();
    await grownUp.page.getByTestId('message-log').getByText('Hello from Pia').waitFor();
    expect(new Set(await senders(grownUp.page))).toEqual(
      new Set([
        ['Hello from Pia', 'false', 'Pia'],
        ['Hello from Nia', 'true', null],
        ['Hi both', 'false', 'Oli'],
      ]),
    );
    await look(op, kidGroup);
    await look(grownUp.page, grownUpGroup);

    // A refused message: the guardian's direct chat with Oli works, then the guardian ends the
    // contact (which ends that conversation) and writes again.
    const gp = grownUp.page;
    const frames = recordFrames(gp);
    const direct = `/grown-ups/chats/${oli.publicId}`;
    await gp.goto(direct);
    await gp.getByTestId('chat').waitFor({ timeout: 60_000 });
    await sendText(gp, 'Before the removal');
    const before = gp.getByTestId('message').filter({ hasText: 'Before the removal' });
    const beforeId = (await before.getAttribute('data-message-id'))!;
    await expect.poll(() => frames.acknowledged(beforeId)).toBe(1);
    const removed = await suite.server.call({
      method: 'DELETE',
      path: `/v1/contacts/${oli.publicId}`,
      token: guardian.token,
    });
    expect(removed.status).toBe(204);
    await sendText(gp, 'After the removal');
    const after = gp.getByTestId('message').filter({ hasText: 'After the removal' });
    const afterId = (await after.getAttribute('data-message-id'))!;
    await expect.poll(() => after.getAttribute('data-receipt'), { timeout: 20_000 }).toBe('failed');
    await after.getByText(en.chat.receipt.failed).waitFor();
    await after.getByTestId('retry-send').waitFor();
    expect(frames.refused(afterId)).toEqual(['NOT_FOUND']);
    await look(gp, `${direct}, a message could not be sent`);

    // Allowed again (contacts once more), "Try again" sends it once more: the conversation it
    // was written in has ended, so it is refused again and stays, once, with "Try again".
    await befriendGuardianAndChildViaApi(suite.server, guardian, oli);
    await after.getByTestId('retry-send').click();
    await expect.poll(() => frames.sent(afterId), { timeout: 20_000 }).toBe(2);
    await expect
      .poll(() => frames.refused(afterId), { timeout: 20_000 })
      .toEqual(['NOT_FOUND', 'NOT_FOUND']);
    await expect.poll(() => after.getAttribute('data-receipt')).toBe('failed');
    await after.getByTestId('retry-send').waitFor();
    expect(await after.count()).toBe(1);
    expect(frames.acknowledged(afterId)).toBe(0);
    expect(problems).toEqual({});
    expect([...grownUp.pageErrors, ...oliDevice.pageErrors, ...piaDevice.pageErrors]).toEqual([]);
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
      // A ring that is there with or without the focus does not show where the focus is.
      const unchanging = document.createElement('button');
      unchanging.textContent = 'ring that never changes';
      unchanging.style.outline = 'none';
      unchanging.style.boxShadow = '0 0 0 3px black';
      // A visually hidden box whose label shows nothing when it is focused.
      const hidden = document.createElement('label');
      hidden.innerHTML =
        '<input type="checkbox" class="kt-visually-hidden" aria-label="hidden box"> hidden box';
      // A clickable div and a span that calls itself a button: neither can take focus.
      const clickable = document.createElement('div');
      clickable.textContent = 'clickable div';
      clickable.style.cursor = 'pointer';
      const fake = document.createElement('span');
      fake.setAttribute('role', 'button');
      fake.textContent = 'fake button';
      const img = document.createElement('img');
      img.src = '/icons/icon.svg';
      main.append(fenced, ringless, unchanging, hidden, clickable, fake, img);
    });
    await expect(expectKeyboardReachable(page, 'faulty landing')).rejects.toThrow(/unreachable/);
    const { missed, invisible } = await keyboardProblems(page);
    expect(missed).toEqual([
      'button "unreachable"',
      'div "clickable div" (cursor: pointer, not focusable)',
      'span[role=button] "fake button" (role button, not focusable)',
    ]);
    expect(invisible).toEqual([
      'button "no focus ring"',
      'button "ring that never changes"',
      'input "hidden box"',
    ]);
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
