import type { Locator, Page, Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Person } from './support/browser.js';
import { chromiumAvailable } from './support/browser.js';
import type { Child, Guardian } from './support/families.js';
import {
  befriendAdultsViaApi,
  befriendChildrenViaApi,
  createChildViaApi,
  linkCodeViaApi,
  linkKidDevice,
  pageTextAndValues,
  signUpGuardian,
  strings,
} from './support/families.js';
import { browserSuite } from './support/suite.js';

const en = strings('en');

/** A contact's optional details (P18, P20), in every form a page could print them. */
const BIRTHDAY = '2015-03-14';
const DETAIL_NEEDLES = [
  BIRTHDAY,
  '14/03/2015',
  '3/14/2015',
  '2015/3/14',
  '2015年3月14日',
  'March 14, 2015',
  '14 March 2015',
  'New Zealand',
  '新西兰',
  en.grownUpScreens.genders.girl,
  strings('zh-CN').grownUpScreens.genders.girl,
];

function detailsShown(text: string): string[] {
  return DETAIL_NEEDLES.filter((n) => text.includes(n));
}

/** Every JSON answer a person's browser received, to check what reached the page at all. */
function recordJson(person: Person): unknown[] {
  const bodies: unknown[] = [];
  person.context.on('response', (res: Response) => {
    if (!res.headers()['content-type']?.includes('application/json')) return;
    void res.json().then(
      (b: unknown) => bodies.push(b),
      () => undefined,
    );
  });
  return bodies;
}

/** Objects in these answers that describe `publicId` and carry a field they must not. */
function leakedFields(bodies: unknown[], publicId: string): string[] {
  const found: string[] = [];
  const visit = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (o.publicId === publicId) {
      for (const k of ['country', 'gender', 'birthday']) if (k in o) found.push(k);
    }
    Object.values(o).forEach(visit);
  };
  bodies.forEach(visit);
  return found;
}

async function settle(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
}

describe.runIf(chromiumAvailable())('contacts and strangers through the UI (P18, P20)', () => {
  const suite = browserSuite();

  const person = () => suite.person();

  async function family(name: string, childName: string, details: Partial<Child> = {}) {
    const grownUp = await person();
    const guardian: Guardian = await signUpGuardian(suite.server, grownUp, name);
    const child = await createChildViaApi(suite.server, guardian, {
      displayName: childName,
      pin: '4829',
      ...details,
    });
    const kid = await person();
    const token = await linkKidDevice(
      kid,
      await linkCodeViaApi(suite.server, guardian, child),
      child.displayName,
    );
    return { grownUp, guardian, child, kid, token };
  }

  it('never shows a contact’s country, gender or birthday, and a stranger gets no presence and no chat', async () => {
    const a = await family('Ana', 'Ali');
    const aJson = recordJson(a.kid);
    const aGuardianJson = recordJson(a.grownUp);
    const b = await family('Bea', 'Bo', { country: 'NZ', gender: 'girl', birthday: BIRTHDAY });
    // A stranger's child, with the same details, online on its own device the whole time.
    const c = await family('Cy', 'Cleo', { country: 'NZ', gender: 'girl', birthday: BIRTHDAY });
    await befriendChildrenViaApi(suite.server, a, b);

    // Ali's device: every screen of the kids' app.
    const pages = ['/kid', '/kid/friends', '/kid/chats', `/kid/friends/${b.child.publicId}`];
    for (const path of pages) {
      await a.kid.page.goto(path);
      await settle(a.kid.page);
      const text = await pageTextAndValues(a.kid.page);
      expect(detailsShown(text), `Ali's device at ${path}`).toEqual([]);
      expect(text, `Ali's device at ${path} names the stranger`).not.toContain(c.child.publicId);
      expect(text).not.toContain(c.child.displayName);
    }

    // Ali's guardian: the child's contacts (Bo, with presence) and the adult chats.
    await a.grownUp.page.goto(`/grown-ups/children/${a.child.id}/contacts`);
    await a.grownUp.page.getByText(b.child.displayName).first().waitFor();
    await settle(a.grownUp.page);
    const contactsText = await pageTextAndValues(a.grownUp.page);
    expect(detailsShown(contactsText), 'the dashboard’s contacts of Ali').toEqual([]);
    expect(contactsText).not.toContain(c.child.displayName);

    // Ali's guardian is a stranger to Cleo: asking by ID sends a request, nothing more — no
    // presence, no chat. Bea, a contact and online, gets both (the check can tell them apart).
    await befriendAdultsViaApi(suite.server, a.guardian, b.guardian);
    const chats = a.grownUp.page;
    await chats.goto('/grown-ups/chats');
    await settle(chats);
    const idField = chats.getByLabel(en.grownUpScreens.chats.addLabel);
    await idField.fill(c.child.publicId);
    await idField.press('Enter');
    await chats.getByText(en.grownUpScreens.chats.added).waitFor();
    const onlineWords = [en.grownUpScreens.common.online, en.chat.list.online];
    const offlineWords = [en.grownUpScreens.common.offline, en.chat.list.offline];
    /** What a row says of the person's presence: its presence mark, or the word. */
    const presenceOf = async (row: Locator) => {
      const mark = row.getByTestId('presence');
      if ((await mark.count()) > 0) return (await mark.first().getAttribute('data-online')) ?? '';
      const text = await row.innerText();
      if (onlineWords.some((w) => text.includes(w))) return 'true';
      if (offlineWords.some((w) => text.includes(w))) return 'false';
      return 'none';
    };
    const beaRow = chats.getByRole('listitem').filter({ hasText: b.guardian.name }).first();
    await expect.poll(() => presenceOf(beaRow), { timeout: 30_000 }).toBe('true');
    const cleo = chats.getByRole('listitem').filter({ hasText: c.child.displayName });
    // The list is fetched again after "added" shows: wait for the row, or time out and fail.
    await cleo.first().waitFor();
    const cleoRows = await cleo.all();
    expect(cleoRows.length, 'the request to Cleo is listed').toBeGreaterThan(0);
    for (const row of cleoRows) {
      expect(await presenceOf(row)).toBe('none');
      // Nothing to open a chat with: no link, no chat button.
      await expect(row.getByRole('link').count()).resolves.toBe(0);
      await expect(row.locator('[data-testid^="chat-"]').count()).resolves.toBe(0);
    }
    expect(detailsShown(await pageTextAndValues(chats))).toEqual([]);

    // Nothing the two browsers received describes Bo or Cleo with those fields.
    for (const bodies of [aJson, aGuardianJson]) {
      expect(leakedFields(bodies, b.child.publicId)).toEqual([]);
      expect(leakedFields(bodies, c.child.publicId)).toEqual([]);
    }
    expect(aJson.length).toBeGreaterThan(0);

    // The scan does find the details where they belong: Bo's own guardian's profile screen.
    await b.grownUp.page.goto(`/grown-ups/children/${b.child.id}/profile`);
    await settle(b.grownUp.page);
    await expect
      .poll(async () => detailsShown(await pageTextAndValues(b.grownUp.page)).length)
      .toBeGreaterThan(0);
  });
});
