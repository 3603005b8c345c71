import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testDialects } from '../../server/tests/support/databases.js';
import { screenshot } from './support/artifacts.js';
import type { Person } from './support/browser.js';
import { chromiumAvailable } from './support/browser.js';
import type { Guardian } from './support/families.js';
import { expectOk } from './support/web-server.js';
import { fill, linkKidDevice, signUpGuardian, strings } from './support/families.js';
import { browserSuite } from './support/suite.js';

const en = strings('en');
const g = en.grownUpScreens;

/** Like every integration suite, on both dialects (PostgreSQL is required under CI=true). */
const DIALECTS = await testDialects();

/**
 * Issue 5's journey in a real browser, one context per person. Every step is taken in the apps;
 * the API is used only to read what the server stored (requests, reports, blocks) and to send
 * the forged report, which no screen can make.
 */
describe.runIf(chromiumAvailable()).each(DIALECTS)(
  'journey on %s: two families in the browser',
  (dialect) => {
    const suite = browserSuite(dialect);
    const shots = `journey-${dialect}`;

    const person = () => suite.person();

    /** The grown-up-needed screen on a child's device: the PIN on its keypad. */
    async function typePin(kid: Person, pin: string) {
      await kid.page.getByRole('heading', { name: en.kid.grownUpNeeded.title }).waitFor();
      for (const digit of pin) {
        await kid.page
          .getByRole('button', { name: fill(en.ui.pin.digit, { digit }), exact: true })
          .click();
      }
    }

    /** The dashboard: consent, the child's profile with every optional field skipped, the PIN. */
    async function createChildOnDashboard(grownUp: Person, name: string, pin: string) {
      const { page } = grownUp;
      await page
        .getByRole('navigation')
        .getByRole('link', { name: en.grownUps.nav.children })
        .click();
      await page.getByTestId('add-child').click();
      await page.getByRole('heading', { level: 1, name: g.create.title }).waitFor();
      await page.getByTestId('consent-child-account').check();
      await page.getByRole('button', { name: g.create.continue }).click();
      await page.getByLabel(g.create.nameLabel).fill(name);
      for (const skip of await page
        .getByRole('button', { name: new RegExp(`^${g.common.skip}`) })
        .all()) {
        await skip.click();
      }
      await page.getByLabel(g.create.pinLabel, { exact: true }).fill(pin);
      await page.getByLabel(g.create.pinAgainLabel).fill(pin);
      await page.getByTestId('create-child-submit').click();
      await page.getByText(fill(g.create.created, { name })).waitFor();
      const childId = /\/children\/([^/]+)\/devices/.exec(page.url())?.[1];
      expect(childId, page.url()).toBeTruthy();
      return childId!;
    }

    /** The dashboard's device screen makes a code; the child's own browser types it. */
    async function linkOnDashboard(grownUp: Person, kid: Person, name: string) {
      await grownUp.page.getByTestId('create-link-code').click();
      const code = (await grownUp.page.getByTestId('link-code').innerText()).replace(/\s/g, '');
      await expect(grownUp.page.getByTestId('link-qr').getByRole('img').count()).resolves.toBe(1);
      await screenshot(grownUp.page, shots, 'dashboard-link-device', 'en');
      const token = await linkKidDevice(kid, code, name);
      await grownUp.page.reload();
      await grownUp.page.getByTestId('child-sessions').getByRole('listitem').first().waitFor();
      return token;
    }

    it('signs up, links, befriends with the PIN and the dashboard, chats in every type, reports, exports and deletes', async () => {
      // Two guardians sign up with phone + SMS code; each creates a child and links its device.
      const mumPerson = await person();
      const dadPerson = await person();
      const mum: Guardian = await signUpGuardian(suite.server, mumPerson, 'Mum Li');
      const dad: Guardian = await signUpGuardian(suite.server, dadPerson, 'Dad Wang');
      const lin = await person();
      const bo = await person();
      const linId = await createChildOnDashboard(mumPerson, 'Lin', '4829');
      const linToken = await linkOnDashboard(mumPerson, lin, 'Lin');
      const boId = await createChildOnDashboard(dadPerson, 'Bo', '5937');
      const boToken = await linkOnDashboard(dadPerson, bo, 'Bo');
      const profile = async (token: string) =>
        expectOk<{ id: string; publicId: string }>(
          await suite.server.call({ method: 'GET', path: '/v1/me', token }),
          'me',
        );
      const linMe = await profile(linToken);
      const boMe = await profile(boToken);
      expect(linMe.id).toBe(linId);
      expect(boMe.id).toBe(boId);

      // Lin asks for Bo by his KidTalk ID on her device.
      await lin.page.goto('/kid/friends/add');
      await lin.page.getByTestId('add-friend-input').fill(boMe.publicId);
      await lin.page.getByTestId('add-friend-submit').click();
      await lin.page.getByTestId('add-friend-result').waitFor();
      // Bo says yes on his device, and Dad types the PIN there (grown-up needed).
      await bo.page.goto('/kid/friends');
      await bo.page.getByTestId(`approve-${linMe.publicId}`).click();
      await typePin(bo, '5937');
      await bo.page
        .getByRole('heading', { name: en.kid.grownUpNeeded.title })
        .waitFor({ state: 'detached' });
      await bo.page.reload();
      await bo.page.getByTestId('friend-requests').waitFor();
      // Bo's side as the server holds it: approved by the PIN; if "yes" did not also accept,
      // the same button now accepts (no PIN: his side is already approved).
      const boSide = async () =>
        expectOk<{
          requests: {
            id: string;
            accepted: boolean;
            guardianApproved: boolean;
            other?: { publicId: string };
          }[];
        }>(
          await suite.server.call({ method: 'GET', path: '/v1/friend-requests', token: boToken }),
          'requests',
        ).requests.find((r) => r.other?.publicId === linMe.publicId);
      expect((await boSide())?.guardianApproved).toBe(true);
      if (!(await boSide())?.accepted) {
        await bo.page.getByTestId(`approve-${linMe.publicId}`).click();
        await expect.poll(async () => (await boSide())?.accepted, { timeout: 20_000 }).toBe(true);
      }
      await expect(
        bo.page.getByRole('heading', { name: en.kid.grownUpNeeded.title }).count(),
      ).resolves.toBe(0);
      // Dad has nothing left to approve; Mum approves Lin's side from the dashboard.
      await dadPerson.page.goto(`/grown-ups/children/${boId}/contacts`);
      await dadPerson.page.getByRole('heading', { level: 1 }).waitFor();
      await expect(dadPerson.page.getByTestId(`approve-${linMe.publicId}`).count()).resolves.toBe(
        0,
      );
      await mumPerson.page.goto(`/grown-ups/children/${linId}/contacts`);
      await mumPerson.page.getByTestId(`approve-${boMe.publicId}`).click();
      await mumPerson.page.getByTestId('child-contacts').getByText(boMe.publicId).waitFor();
      await dadPerson.page.reload();
      await dadPerson.page.getByTestId('child-contacts').getByText(linMe.publicId).waitFor();
      // Presence: both children's devices are open, and each dashboard shows the other online.
      for (const [grownUp, other] of [
        [mumPerson, boMe.publicId],
        [dadPerson, linMe.publicId],
      ] as const) {
        const row = grownUp.page
          .getByTestId('child-contacts')
          .getByRole('listitem')
          .filter({ hasText: other });
        await expect.poll(() => row.innerText(), { timeout: 30_000 }).toContain(g.common.online);
      }
      await screenshot(mumPerson.page, shots, 'dashboard-contacts', 'en');

      // The children chat: every message type, from Lin's composer, to Bo's open chat.
      await bo.page.goto(`/kid/chats/${linMe.publicId}`);
      await bo.page.getByTestId('chat').waitFor();
      await lin.page.goto(`/kid/chats/${boMe.publicId}`);
      await lin.page.getByTestId('chat').waitFor();
      await expect
        .poll(() => lin.page.getByTestId('presence').first().getAttribute('data-online'), {
          timeout: 30_000,
        })
        .toBe('true');
      const l = lin.page;
      await l.getByTestId('composer-text').fill('Hello Bo');
      await l.getByTestId('composer-send').click();
      await l.getByTestId('composer-emoji').click();
      await l.getByTestId('emoji-option').first().click();
      await l.getByTestId('composer-send').click();
      await l.getByTestId('composer-sticker').click();
      await l.getByTestId('sticker-cat').click();
      // The photo comes from Chromium's fake camera.
      await l.getByTestId('composer-camera').click();
      await expect
        .poll(() => l.getByTestId('camera-take').isEnabled(), { timeout: 20_000 })
        .toBe(true);
      await l.getByTestId('camera-take').click();
      // The voice note from the fake microphone.
      await l.getByTestId('composer-voice').click();
      await l.getByTestId('voice-start').click();
      await l.getByTestId('voice-recording').waitFor();
      await l.waitForTimeout(1500);
      await l.getByTestId('voice-stop').click();
      await l.getByTestId('voice-send').click();
      // A drawing, drawn with the mouse.
      await l.getByTestId('composer-draw').click();
      const canvas = await l.getByTestId('doodle-canvas').boundingBox();
      expect(canvas).toBeTruthy();
      await l.mouse.move(canvas!.x + 20, canvas!.y + 20);
      await l.mouse.down();
      await l.mouse.move(canvas!.x + canvas!.width - 20, canvas!.y + canvas!.height - 20, {
        steps: 8,
      });
      await l.mouse.up();
      await l.getByTestId('doodle-send').click();
      // A place typed by hand (never the device's location: P8).
      await l.getByTestId('composer-location').click();
      await l.getByTestId('location-name').fill('The park by the river');
      await l.getByTestId('location-send').click();

      const sentTypes = async (page: typeof l, mine: boolean) =>
        page
          .getByTestId('message')
          .evaluateAll(
            (els, m) =>
              els
                .filter((e) => e.getAttribute('data-mine') === String(m))
                .map((e) => e.getAttribute('data-type') ?? ''),
            mine,
          );
      await expect.poll(() => sentTypes(l, true), { timeout: 60_000 }).toHaveLength(7);
      const kinds = new Set(await sentTypes(l, true));
      expect([...kinds].sort()).toEqual(expect.arrayContaining(['location', 'sticker', 'text']));
      expect(kinds.size, [...kinds].join()).toBeGreaterThanOrEqual(5);
      await expect.poll(() => sentTypes(bo.page, false), { timeout: 60_000 }).toHaveLength(7);
      expect(new Set(await sentTypes(bo.page, false))).toEqual(kinds);
      await bo.page.getByTestId('message-log').getByText('Hello Bo').first().waitFor();
      // Receipts: Bo has the chat open, so Lin's messages end read.
      await expect
        .poll(
          () =>
            l
              .getByTestId('message')
              .evaluateAll((els) => els.map((e) => e.getAttribute('data-receipt'))),
          { timeout: 60_000 },
        )
        .toEqual(Array(7).fill('read'));
      // Typing shows on the other side.
      await bo.page.getByTestId('composer-text').pressSequentially('hi', { delay: 50 });
      await l.getByTestId('typing-indicator').waitFor({ timeout: 20_000 });
      await screenshot(l, shots, 'kid-chat', 'en');
      await screenshot(bo.page, shots, 'kid-chat-received', 'en');

      // Bo reports Lin with one message as evidence and blocks her, in the same flow.
      await bo.page.goto(`/kid/friends/${linMe.publicId}/report`);
      await bo.page.getByTestId('report-category-harassment').click();
      await bo.page.getByTestId('report-next').click();
      await bo.page.getByTestId('report-evidence').getByRole('checkbox').first().check();
      await bo.page.getByTestId('report-next').click();
      await bo.page.getByTestId('report-block-yes').click();
      const [posted] = await Promise.all([
        bo.page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/v1/reports')),
        bo.page.getByTestId('report-submit').click(),
      ]);
      await bo.page.getByTestId('report-done').waitFor();
      const reports = async () =>
        expectOk<{
          reports: { status: string; category: string; dueAt: number; createdAt: number }[];
        }>(
          await suite.server.call({
            method: 'GET',
            path: `/v1/children/${boId}/reports`,
            token: dad.token,
          }),
          'reports',
        ).reports;
      const stored = await reports();
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ status: 'open', category: 'harassment' });
      expect(stored[0]!.dueAt - stored[0]!.createdAt).toBe(15 * 24 * 3600 * 1000);
      const blocks = expectOk<{ blocks: { publicId: string }[] }>(
        await suite.server.call({
          method: 'GET',
          path: `/v1/children/${boId}/blocks`,
          token: dad.token,
        }),
        'blocks',
      ).blocks;
      expect(blocks.map((b) => b.publicId)).toContain(linMe.publicId);
      // The same report with one bit of the evidence flipped is refused, and nothing is stored.
      const body = posted.postDataJSON() as {
        evidence: { plaintext: string }[];
        block?: boolean;
      };
      const bytes = Buffer.from(body.evidence[0]!.plaintext, 'base64url');
      bytes[bytes.length >> 1]! ^= 0x01;
      body.evidence[0]!.plaintext = bytes.toString('base64url');
      const forged = await suite.server.call({
        method: 'POST',
        path: '/v1/reports',
        token: boToken,
        body,
      });
      expect(forged.status).toBe(422);
      expect((forged.body as { error?: { code?: string } }).error?.code).toBe('EVIDENCE_INVALID');
      expect(await reports()).toHaveLength(1);

      // Mum downloads everything held about Lin: the file names Lin and the new contact.
      await mumPerson.page.goto(`/grown-ups/children/${linId}/data`);
      const [download] = await Promise.all([
        mumPerson.page.waitForEvent('download'),
        mumPerson.page.getByTestId('export-child').click(),
      ]);
      const file = await download.path();
      const exported = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      const text = JSON.stringify(exported);
      expect(text).toContain(linMe.publicId);
      expect(text).toContain(boMe.publicId);
      await mumPerson.page.getByText(g.data.exported).waitFor();

      // Bo's account is deleted on his device, behind Dad's PIN; the device returns to sign-in.
      await bo.page.goto('/kid/account');
      await bo.page
        .getByRole('heading', { name: en.kid.grownUpNeeded.title })
        .or(bo.page.getByTestId('account-delete-start'))
        .first()
        .waitFor();
      if ((await bo.page.getByRole('heading', { name: en.kid.grownUpNeeded.title }).count()) > 0) {
        await typePin(bo, '5937');
      }
      await bo.page.getByTestId('account-delete-start').click();
      await bo.page
        .getByTestId('account-delete-confirm')
        .getByRole('button', { name: en.kidScreens.account.deleteYes })
        .click();
      await typePin(bo, '5937');
      await bo.page
        .getByTestId('account-deleted')
        .or(bo.page.getByRole('heading', { level: 1, name: en.kid.signIn.title }))
        .first()
        .waitFor({ timeout: 30_000 });
      const gone = await suite.server.call({ method: 'GET', path: '/v1/me', token: boToken });
      expect(gone.status).toBe(401);
      const linChildren = expectOk<{ contacts: { publicId: string }[] }>(
        await suite.server.call({
          method: 'GET',
          path: `/v1/children/${linId}/contacts`,
          token: mum.token,
        }),
        'contacts',
      );
      expect(linChildren.contacts.map((c) => c.publicId)).not.toContain(boMe.publicId);
    });
  },
);
