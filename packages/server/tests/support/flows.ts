import { expect } from 'vitest';
import type { Harness } from './harness.js';
import { TEST_DEVICE } from './harness.js';

let phoneSeq = 0;
/** Distinct valid mainland mobile numbers, one per call. */
export function nextPhone(): string {
  phoneSeq++;
  return `+86138${String(10_000_000 + phoneSeq * 7919).slice(-8)}`;
}

export async function latestCode(h: Harness, phone: string): Promise<string> {
  const msgs = await h.outbox.read(phone);
  const m = /(\d{6})/.exec(msgs.at(-1)?.text ?? '');
  if (!m) throw new Error(`no code sent to ${phone}`);
  return m[1]!;
}

export interface Adult {
  phone: string;
  token: string;
  accountId: string;
  publicId: string;
}

export async function signUpAdult(h: Harness, name = 'Mum', phone = nextPhone()): Promise<Adult> {
  const sent = await h.request({
    method: 'POST',
    url: '/v1/auth/otp',
    body: { phone, purpose: 'sign_in' },
  });
  expect(sent.statusCode).toBe(202);
  const code = await latestCode(h, phone);
  const res = await h.request({
    method: 'POST',
    url: '/v1/auth/sign-in',
    body: { phone, code, displayName: name, device: TEST_DEVICE },
  });
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  return { phone, token: body.token, accountId: body.account.id, publicId: body.account.publicId };
}

export async function giveChildConsent(h: Harness, guardian: Adult): Promise<string> {
  const res = await h.request({
    method: 'POST',
    url: '/v1/consents',
    token: guardian.token,
    body: { purpose: 'child_account', granted: true, policyVersion: h.ctx.config.policyVersion },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

export interface Child {
  id: string;
  publicId: string;
  pin: string;
}

export async function createChild(
  h: Harness,
  guardian: Adult,
  extra: Record<string, unknown> = {},
  pin = '4829',
): Promise<Child> {
  const consentId = await giveChildConsent(h, guardian);
  const res = await h.request({
    method: 'POST',
    url: '/v1/children',
    token: guardian.token,
    body: {
      consentId,
      displayName: 'Xiao Ming',
      avatar: { kind: 'builtin', id: 'panda' },
      pin,
      ...extra,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id, publicId: res.json().publicId, pin };
}

export async function linkChildDevice(h: Harness, guardian: Adult, child: Child): Promise<string> {
  const code = await h.request({
    method: 'POST',
    url: `/v1/children/${child.id}/link-codes`,
    token: guardian.token,
  });
  expect(code.statusCode, code.body).toBe(201);
  const res = await h.request({
    method: 'POST',
    url: '/v1/auth/link',
    body: { code: code.json().code, device: TEST_DEVICE },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().token;
}

export async function elevate(h: Harness, childToken: string, child: Child, action: string) {
  const res = await h.request({
    method: 'POST',
    url: `/v1/children/${child.id}/pin/check`,
    token: childToken,
    body: { pin: child.pin, action },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().elevationToken as string;
}
