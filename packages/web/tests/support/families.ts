import { randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { en } from '../../src/i18n/en.js';
import type { Messages } from '../../src/i18n/en.js';
import { zhCN } from '../../src/i18n/zh-CN.js';
import type { Language, Person } from './browser.js';
import type { WebServer } from './web-server.js';
import { expectOk, readSmsCode } from './web-server.js';

/** The app's own strings, so selectors follow the copy in either language. */
export function strings(language: Language): Messages {
  return language === 'en' ? en : zhCN;
}

/** `{{name}}` placeholders filled in, as i18next does. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ''));
}

/** A valid mainland mobile number, random so reruns never share one. */
export function randomPhone(): string {
  return `+86139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

export interface Guardian {
  name: string;
  phone: string;
  token: string;
  accountId: string;
  publicId: string;
}

/** Waits until the app has sent a bearer token (the session exists on this device). */
async function sessionToken(person: Person): Promise<string> {
  await expect.poll(() => person.token(), { timeout: 20_000 }).toBeTruthy();
  return person.token()!;
}

/** A new adult signs up in the grown-ups' app with their phone and the SMS code. */
export async function signUpGuardian(
  server: WebServer,
  person: Person,
  name: string,
  language: Language = 'en',
  phone = randomPhone(),
): Promise<Guardian> {
  const s = strings(language).grownUps.signIn;
  const page = person.page;
  await page.goto('/grown-ups');
  await page.getByRole('button', { name: s.noAccount }).click();
  await page.getByRole('heading', { name: s.signUpTitle }).waitFor();
  await page.getByLabel(s.phoneLabel).fill(phone);
  const asked = Date.now() - 1000;
  await page.getByRole('button', { name: s.sendCode }).click();
  await page.getByLabel(s.codeLabel).waitFor();
  const code = await readSmsCode(server, phone, asked);
  await page.getByLabel(s.codeLabel).fill(code);
  await page.getByLabel(s.nameLabel).fill(name);
  await page.getByRole('button', { name: s.submitSignUp }).click();
  await page
    .getByRole('heading', { name: fill(strings(language).grownUps.home.title, { name }) })
    .waitFor({ timeout: 30_000 });
  const token = await sessionToken(person);
  const me = expectOk<{ id: string; publicId: string }>(
    await server.call({ method: 'GET', path: '/v1/me', token }),
    'GET /v1/me',
  );
  return { name, phone, token, accountId: me.id, publicId: me.publicId };
}

export interface ChildSeed {
  displayName: string;
  pin: string;
  country?: string;
  gender?: 'girl' | 'boy' | 'other';
  birthday?: string;
}

export interface Child extends ChildSeed {
  id: string;
  publicId: string;
}

/**
 * A guardian creates a child through the API (consent, then the child): for suites that test
 * something else than the dashboard.
 */
export async function createChildViaApi(
  server: WebServer,
  guardian: Guardian,
  seed: ChildSeed,
): Promise<Child> {
  const policy = expectOk<{ version: string }>(
    await server.call({ method: 'GET', path: '/v1/policy', token: guardian.token }),
    'policy',
  );
  const consent = expectOk<{ id: string }>(
    await server.call({
      method: 'POST',
      path: '/v1/consents',
      token: guardian.token,
      body: { purpose: 'child_account', granted: true, policyVersion: policy.version },
    }),
    'consent',
  );
  const child = expectOk<{ id: string; publicId: string }>(
    await server.call({
      method: 'POST',
      path: '/v1/children',
      token: guardian.token,
      body: {
        consentId: consent.id,
        displayName: seed.displayName,
        avatar: { kind: 'builtin', id: 'panda' },
        pin: seed.pin,
        ...(seed.country && { country: seed.country }),
        ...(seed.gender && { gender: seed.gender }),
        ...(seed.birthday && { birthday: seed.birthday }),
      },
    }),
    'create child',
  );
  return { ...seed, id: child.id, publicId: child.publicId };
}

/** A one-time link code for the child's device, made by the guardian through the API. */
export async function linkCodeViaApi(
  server: WebServer,
  guardian: Guardian,
  child: Child,
): Promise<string> {
  return expectOk<{ code: string }>(
    await server.call({
      method: 'POST',
      path: `/v1/children/${child.id}/link-codes`,
      token: guardian.token,
    }),
    'link code',
  ).code;
}

/** On the child's device: the kids' app, the code typed in, until the home screen shows. */
export async function linkKidDevice(
  person: Person,
  code: string,
  childName: string,
  language: Language = 'en',
): Promise<string> {
  const s = strings(language).kid;
  const page = person.page;
  await page.goto('/kid');
  await page.getByLabel(s.signIn.codeLabel).fill(code);
  await page.getByRole('button', { name: s.signIn.submit }).click();
  await signedInKidHome(page, childName, language);
  return sessionToken(person);
}

/** The kids' app shows the signed-in child: the nav bar or the greeting, whichever exists. */
export async function signedInKidHome(page: Page, childName: string, language: Language) {
  const s = strings(language).kid;
  await page
    .getByRole('heading', { name: fill(s.home.title, { name: childName }) })
    .or(page.getByRole('navigation', { name: s.nav.label }))
    .first()
    .waitFor({ timeout: 30_000 });
}

/** A new child of `guardian`, signed in on `device` with a link code typed on its screen. */
export async function childOnDevice(
  server: WebServer,
  guardian: Guardian,
  device: Person,
  seed: ChildSeed,
  language: Language = 'en',
): Promise<{ child: Child; token: string; guardian: Guardian }> {
  const child = await createChildViaApi(server, guardian, seed);
  const code = await linkCodeViaApi(server, guardian, child);
  return { child, token: await linkKidDevice(device, code, child.displayName, language), guardian };
}

/**
 * Two children of `guardian`, each signed in on its own device and each other's approved
 * contact: the two ends of a kids' chat.
 */
export async function siblingsOnDevices(
  server: WebServer,
  guardian: Guardian,
  first: [Person, ChildSeed],
  second: [Person, ChildSeed],
): Promise<[Awaited<ReturnType<typeof childOnDevice>>, Awaited<ReturnType<typeof childOnDevice>>]> {
  const a = await childOnDevice(server, guardian, ...first);
  const b = await childOnDevice(server, guardian, ...second);
  await befriendChildrenViaApi(server, a, b);
  return [a, b];
}

/**
 * Two children become contacts the way the policy says, through the API: one asks, the other
 * accepts, and a guardian of each approves their side.
 */
export async function befriendChildrenViaApi(
  server: WebServer,
  a: { child: Child; token: string; guardian: Guardian },
  b: { child: Child; token: string; guardian: Guardian },
): Promise<void> {
  const request = expectOk<{ id: string }>(
    await server.call({
      method: 'POST',
      path: '/v1/friend-requests',
      token: a.token,
      body: { publicId: b.child.publicId },
    }),
    'friend request',
  );
  expectOk(
    await server.call({
      method: 'POST',
      path: `/v1/friend-requests/${request.id}/accept`,
      token: b.token,
    }),
    'accept',
  );
  for (const side of [a, b]) {
    expectOk(
      await server.call({
        method: 'POST',
        path: `/v1/children/${side.child.id}/friend-requests/${request.id}/approve`,
        token: side.guardian.token,
      }),
      `approve for ${side.child.displayName}`,
    );
  }
}

/** Two adults become contacts through the API: a request and its acceptance. */
export async function befriendAdultsViaApi(
  server: WebServer,
  a: Guardian,
  b: Guardian,
): Promise<void> {
  const request = expectOk<{ id: string }>(
    await server.call({
      method: 'POST',
      path: '/v1/friend-requests',
      token: a.token,
      body: { publicId: b.publicId },
    }),
    'friend request',
  );
  expectOk(
    await server.call({
      method: 'POST',
      path: `/v1/friend-requests/${request.id}/accept`,
      token: b.token,
    }),
    'accept',
  );
}

/**
 * Everything the page shows or holds for assistive technology: visible text, attribute values
 * (labels, titles, alt), the values of fields and the chosen option of each list.
 */
export async function pageTextAndValues(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts = [document.body.innerText];
    for (const el of document.querySelectorAll('*')) {
      for (const attr of el.attributes) parts.push(attr.value);
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) parts.push(el.value);
      if (el instanceof HTMLSelectElement) {
        parts.push(el.value, el.selectedOptions[0]?.textContent ?? '');
      }
    }
    return parts.join('\n');
  });
}
