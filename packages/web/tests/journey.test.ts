import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { failureScreenshots, screenshot } from './support/artifacts.js';
import type { Person } from './support/browser.js';
import { chromiumAvailable, launchBrowser, newPerson } from './support/browser.js';
import type { Guardian } from './support/families.js';
import { expectOk } from './support/web-server.js';
import { fill, linkKidDevice, signUpGuardian, strings } from './support/families.js';
import type { WebServer } from './support/web-server.js';
import { startWebServer } from './support/web-server.js';

const en = strings('en');
const g = en.grownUpScreens;

/**
 * Issue 5's journey in a real browser, one context per person, as far as the screens exist.
 * What the UI cannot do yet is listed in docs/promises.md and the README's testing notes; no
 * step here is done behind the UI's back except where a comment says which screen is missing.
 */
describe.runIf(chromiumAvailable())('journey: two families in the browser', () => {
  let server: WebServer;
  let browser: Browser;
  const people: Person[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
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
        task.name,
      ),
    );
  });

  async function person(): Promise<Person> {
    const p = await newPerson(browser, { baseURL: server.url });
    people.push(p);
    return p;
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
    await screenshot(grownUp.page, 'journey', 'dashboard-link-device', 'en');
    const token = await linkKidDevice(kid, code, name);
    await grownUp.page.reload();
    await grownUp.page.getByTestId('child-sessions').getByRole('listitem').first().waitFor();
    return token;
  }

  it('signs up, creates and links children, approves a friendship, exports and deletes', async () => {
    // Two guardians sign up with phone + SMS code; each creates a child and links its device.
    const mumPerson = await person();
    const dadPerson = await person();
    const mum: Guardian = await signUpGuardian(server, mumPerson, 'Mum Li');
    await signUpGuardian(server, dadPerson, 'Dad Wang');
    const lin = await person();
    const bo = await person();
    const linId = await createChildOnDashboard(mumPerson, 'Lin', '4829');
    const linToken = await linkOnDashboard(mumPerson, lin, 'Lin');
    const boId = await createChildOnDashboard(dadPerson, 'Bo', '5937');
    const boToken = await linkOnDashboard(dadPerson, bo, 'Bo');
    const profile = async (token: string) =>
      expectOk<{ id: string; publicId: string }>(
        await server.call({ method: 'GET', path: '/v1/me', token }),
        'me',
      );
    const linMe = await profile(linToken);
    const boMe = await profile(boToken);
    expect(linMe.id).toBe(linId);
    expect(boMe.id).toBe(boId);

    // Lin asks Bo and Bo says yes. The kids' friends screens are not routed in the kids' app
    // yet (kid/routes.tsx), so these two steps go through the API with the children's tokens.
    const request = expectOk<{ id: string }>(
      await server.call({
        method: 'POST',
        path: '/v1/friend-requests',
        token: linToken,
        body: { publicId: boMe.publicId },
      }),
      'friend request',
    );
    expectOk(
      await server.call({
        method: 'POST',
        path: `/v1/friend-requests/${request.id}/accept`,
        token: boToken,
      }),
      'accept',
    );
    // Both families approve from the dashboard (the PIN on the child's device needs the kids'
    // friends screen).
    await dadPerson.page.goto(`/grown-ups/children/${boId}/contacts`);
    await dadPerson.page.getByTestId(`approve-${linMe.publicId}`).click();
    await expect
      .poll(() => dadPerson.page.getByTestId(`approve-${linMe.publicId}`).count())
      .toBe(0);
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
    await screenshot(mumPerson.page, 'journey', 'dashboard-contacts', 'en');

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

    // Dad deletes Bo's account from the dashboard (deletion behind the PIN on the child's
    // device needs the kids' account screen); Bo's device is signed out and back at sign-in.
    await dadPerson.page.goto(`/grown-ups/children/${boId}/data`);
    await dadPerson.page.getByTestId('delete-child').click();
    await dadPerson.page.getByTestId('delete-child-confirm').click();
    await dadPerson.page.getByText(fill(g.data.deleted, { name: 'Bo' })).waitFor();
    await bo.page
      .getByRole('heading', { level: 1, name: en.kid.signIn.title })
      .waitFor({ timeout: 30_000 });
    const gone = await server.call({ method: 'GET', path: '/v1/me', token: boToken });
    expect(gone.status).toBe(401);
    const linChildren = expectOk<{ contacts: { publicId: string }[] }>(
      await server.call({
        method: 'GET',
        path: `/v1/children/${linId}/contacts`,
        token: mum.token,
      }),
      'contacts',
    );
    expect(linChildren.contacts.map((c) => c.publicId)).not.toContain(boMe.publicId);
  });
});
