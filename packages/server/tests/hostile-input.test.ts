import { ELEVATION_HEADER } from '@kidtalk/protocol';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../src/clock.js';
import type { DatabaseSchema } from '../src/db/schema.js';
import { testDialects } from './support/databases.js';
import type { Adult, Child } from './support/flows.js';
import {
  createChild,
  elevate,
  giveChildConsent,
  linkChildDevice,
  nextPhone,
  signUpAdult,
} from './support/flows.js';
import type { Harness } from './support/harness.js';
import { startHarness, TEST_DEVICE } from './support/harness.js';

/**
 * "At least 40 malformed or hostile requests each get a typed 4xx, and the server stays up."
 * Every case below must answer with exactly `{error:{code,message}}` and its stable code;
 * nothing may answer 500 or log at error level, and the health checks must still pass after.
 */

const DIALECTS = await testDialects();

interface Fixtures {
  mum: Adult;
  child: Child;
  childToken: string;
  /** A live 'profile.update' elevation for `child`, on `childToken`'s session. */
  elevation: string;
  freshConsentId: string;
  other: Adult;
  otherChild: Child;
  otherConsentId: string;
  otherSessionId: string;
  otherNotificationId: string;
  expiredToken: string;
  revokedToken: string;
}

interface HostileRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
  url: string;
  token?: string;
  /** JSON-encoded, with content-type application/json. */
  body?: unknown;
  /** Sent as is; set the content type in `headers`. */
  payload?: string | Buffer;
  headers?: Record<string, string>;
}

interface Case {
  name: string;
  request: (f: Fixtures) => HostileRequest;
  expectStatus: number;
  expectCode: string;
}

// A real 1×1 PNG: what a well-behaved client would upload.
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const SVG_WITH_SCRIPT =
  '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script></svg>';
const HTML_PAGE = '<!doctype html><html><body><script>alert(1)</script></body></html>';

const child = (f: Fixtures, rest = '') => `/v1/children/${f.child.id}${rest}`;
const otherChild = (f: Fixtures, rest = '') => `/v1/children/${f.otherChild.id}${rest}`;
const json = 'application/json';
const otp = (body: unknown): HostileRequest => ({ method: 'POST', url: '/v1/auth/otp', body });
const rawOtp = (payload: string | Buffer, contentType = json): HostileRequest => ({
  method: 'POST',
  url: '/v1/auth/otp',
  payload,
  headers: { 'content-type': contentType },
});
const signIn = (body: Record<string, unknown>): HostileRequest => ({
  method: 'POST',
  url: '/v1/auth/sign-in',
  body: { phone: '+8613812345678', code: '123456', device: TEST_DEVICE, ...body },
});
const newChild = (f: Fixtures, patch: Record<string, unknown>): HostileRequest => ({
  method: 'POST',
  url: '/v1/children',
  token: f.mum.token,
  body: {
    consentId: f.freshConsentId,
    displayName: 'Little One',
    avatar: { kind: 'builtin', id: 'fox' },
    pin: '4829',
    ...patch,
  },
});
const avatar = (f: Fixtures, payload: string | Buffer, contentType: string): HostileRequest => ({
  method: 'PUT',
  url: child(f, '/avatar'),
  token: f.mum.token,
  payload,
  headers: { 'content-type': contentType },
});

const CASES: Case[] = [
  // ── Body framing: content types, malformed and oversized JSON ──────────────────────────
  {
    name: 'malformed JSON',
    request: () => rawOtp('{"phone": "+8613812345678", "purpose": '),
    expectStatus: 400,
    expectCode: 'MALFORMED_JSON',
  },
  {
    name: 'empty body declared as JSON',
    request: () => rawOtp(''),
    expectStatus: 400,
    expectCode: 'MALFORMED_JSON',
  },
  {
    name: 'JSON null body',
    request: () => rawOtp('null'),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'JSON array body',
    request: () => otp([{ phone: '+8613812345678', purpose: 'sign_in' }]),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'JSON string body',
    request: () => otp('+8613812345678'),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: '__proto__ key (prototype pollution)',
    request: () => rawOtp('{"phone":"+8613812345678","purpose":"sign_in","__proto__":{"x":1}}'),
    expectStatus: 400,
    expectCode: 'MALFORMED_JSON',
  },
  {
    name: 'constructor.prototype key (prototype pollution)',
    request: () =>
      rawOtp('{"phone":"+8613812345678","purpose":"sign_in","constructor":{"prototype":{"x":1}}}'),
    expectStatus: 400,
    expectCode: 'MALFORMED_JSON',
  },
  {
    name: 'JSON body over 64 KiB',
    request: () => otp({ phone: '+8613812345678', purpose: 'sign_in', pad: 'x'.repeat(70_000) }),
    expectStatus: 413,
    expectCode: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'JSON body over 64 KiB on an authenticated route',
    request: (f) => ({
      method: 'PATCH',
      url: '/v1/me',
      token: f.mum.token,
      body: { displayName: 'y'.repeat(66_000) },
    }),
    expectStatus: 413,
    expectCode: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'arrays nested 20 000 deep',
    request: () =>
      rawOtp(`{"phone":${'['.repeat(20_000)}${']'.repeat(20_000)},"purpose":"sign_in"}`),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'text/plain body',
    request: () => rawOtp('{"phone":"+8613812345678","purpose":"sign_in"}', 'text/plain'),
    expectStatus: 415,
    expectCode: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'text/plain body on a route without a body schema',
    request: (f) => ({
      method: 'POST',
      url: child(f, '/link-codes'),
      token: f.mum.token,
      payload: 'hello',
      headers: { 'content-type': 'text/plain' },
    }),
    expectStatus: 415,
    expectCode: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'form-urlencoded body',
    request: () =>
      rawOtp('phone=%2B8613812345678&purpose=sign_in', 'application/x-www-form-urlencoded'),
    expectStatus: 415,
    expectCode: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'multipart body',
    request: () =>
      rawOtp(
        '--b\r\nContent-Disposition: form-data; name="phone"\r\n\r\n+8613812345678\r\n--b--\r\n',
        'multipart/form-data; boundary=b',
      ),
    expectStatus: 415,
    expectCode: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'XML body',
    request: () => rawOtp('<otp><phone>+8613812345678</phone></otp>', 'application/xml'),
    expectStatus: 415,
    expectCode: 'UNSUPPORTED_MEDIA_TYPE',
  },

  // ── Auth: phone numbers, codes, devices ────────────────────────────────────────────────
  {
    name: 'phone as a number',
    request: () => otp({ phone: 8613812345678, purpose: 'sign_in' }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'missing purpose',
    request: () => otp({ phone: '+8613812345678' }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'unknown purpose',
    request: () => otp({ phone: '+8613812345678', purpose: 'reset_password' }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'unknown top-level field',
    request: () => otp({ phone: '+8613812345678', purpose: 'sign_in', isAdmin: true }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'letters as a phone number',
    request: () => otp({ phone: 'call me maybe', purpose: 'sign_in' }),
    expectStatus: 400,
    expectCode: 'INVALID_PHONE',
  },
  {
    name: 'emoji phone number',
    request: () => otp({ phone: '📞📞📞📞📞📞📞📞', purpose: 'sign_in' }),
    expectStatus: 400,
    expectCode: 'INVALID_PHONE',
  },
  {
    name: 'phone number over 32 characters',
    request: () => otp({ phone: `+86${'1'.repeat(40)}`, purpose: 'sign_in' }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'phone number of 2 characters',
    request: () => otp({ phone: '+8', purpose: 'sign_in' }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'SQL in the phone number',
    request: () => otp({ phone: "+86138' OR '1'='1", purpose: 'sign_in' }),
    expectStatus: 400,
    expectCode: 'INVALID_PHONE',
  },
  {
    name: 'landline that cannot receive SMS',
    request: () => otp({ phone: '+861012345678', purpose: 'sign_in' }),
    expectStatus: 400,
    expectCode: 'INVALID_PHONE',
  },
  {
    name: 'sign-in code as a number',
    request: () => signIn({ code: 123456 }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'sign-in code with letters',
    request: () => signIn({ code: '12a456' }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'sign-in without device',
    request: () => signIn({ device: undefined }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'sign-in with nested unknown field device.permissions.location',
    request: () =>
      signIn({
        device: {
          ...TEST_DEVICE,
          permissions: { ...TEST_DEVICE.permissions, location: 'granted' },
        },
      }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'sign-in with path traversal as device language',
    request: () => signIn({ device: { ...TEST_DEVICE, language: '../../etc/passwd' } }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'sign-in with NUL byte in device model',
    request: () => signIn({ device: { ...TEST_DEVICE, model: 'Pixel\u00009' } }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'sign-in with a display name over 40 characters',
    request: () => signIn({ displayName: 'M'.repeat(41) }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'sign-in with a code that was never sent',
    request: () => signIn({ phone: nextPhone(), displayName: 'Nobody' }),
    expectStatus: 400,
    expectCode: 'CODE_INVALID',
  },
  {
    name: 'link code in lower case',
    request: () => ({
      method: 'POST',
      url: '/v1/auth/link',
      body: { code: 'abcde12345', device: TEST_DEVICE },
    }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'link code that does not exist',
    request: () => ({
      method: 'POST',
      url: '/v1/auth/link',
      body: { code: 'ZZZZZZZZZZ', device: TEST_DEVICE },
    }),
    expectStatus: 400,
    expectCode: 'CODE_INVALID',
  },

  // ── Authorization header ───────────────────────────────────────────────────────────────
  {
    name: 'no Authorization header',
    request: () => ({ method: 'GET', url: '/v1/me' }),
    expectStatus: 401,
    expectCode: 'UNAUTHENTICATED',
  },
  {
    name: 'sign-out without Authorization header',
    request: () => ({ method: 'POST', url: '/v1/auth/sign-out' }),
    expectStatus: 401,
    expectCode: 'UNAUTHENTICATED',
  },
  {
    name: 'garbage bearer token',
    request: () => ({ method: 'GET', url: '/v1/me', headers: { authorization: 'Bearer !!!' } }),
    expectStatus: 401,
    expectCode: 'UNAUTHENTICATED',
  },
  {
    name: 'well-formed bearer token nobody was issued',
    request: () => ({ method: 'GET', url: '/v1/me', token: 'A'.repeat(43) }),
    expectStatus: 401,
    expectCode: 'UNAUTHENTICATED',
  },
  {
    name: 'Basic credentials instead of a bearer token',
    request: () => ({
      method: 'GET',
      url: '/v1/children',
      headers: { authorization: 'Basic YWRtaW46YWRtaW4=' },
    }),
    expectStatus: 401,
    expectCode: 'UNAUTHENTICATED',
  },
  {
    name: 'valid token with trailing junk',
    request: (f) => ({
      method: 'GET',
      url: '/v1/me',
      headers: { authorization: `Bearer ${f.mum.token} ' OR 1=1` },
    }),
    expectStatus: 401,
    expectCode: 'UNAUTHENTICATED',
  },
  {
    name: '10 KiB Authorization header',
    request: () => ({
      method: 'GET',
      url: '/v1/me',
      headers: { authorization: `Bearer ${'a'.repeat(10_240)}` },
    }),
    expectStatus: 401,
    expectCode: 'UNAUTHENTICATED',
  },
  {
    name: 'expired session token',
    request: (f) => ({ method: 'GET', url: '/v1/me', token: f.expiredToken }),
    expectStatus: 401,
    expectCode: 'UNAUTHENTICATED',
  },
  {
    name: 'signed-out session token',
    request: (f) => ({ method: 'GET', url: '/v1/sessions', token: f.revokedToken }),
    expectStatus: 401,
    expectCode: 'UNAUTHENTICATED',
  },
  {
    name: 'session token in the query string instead of the header',
    request: (f) => ({ method: 'GET', url: `/v1/me?access_token=${f.mum.token}` }),
    expectStatus: 401,
    expectCode: 'UNAUTHENTICATED',
  },
  {
    name: 'unauthenticated write to a child',
    request: (f) => ({ method: 'PUT', url: child(f, '/settings'), body: { selfFriending: true } }),
    expectStatus: 401,
    expectCode: 'UNAUTHENTICATED',
  },

  // ── Me, devices, sessions ──────────────────────────────────────────────────────────────
  {
    name: 'display name as a number',
    request: (f) => ({
      method: 'PATCH',
      url: '/v1/me',
      token: f.mum.token,
      body: { displayName: 7 },
    }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'empty display name',
    request: (f) => ({
      method: 'PATCH',
      url: '/v1/me',
      token: f.mum.token,
      body: { displayName: '' },
    }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'NUL byte in a display name',
    request: (f) => ({
      method: 'PATCH',
      url: '/v1/me',
      token: f.mum.token,
      body: { displayName: 'Mum\u0000; DROP TABLE accounts' },
    }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'right-to-left override in a display name (spoofing)',
    request: (f) => ({
      method: 'PATCH',
      url: '/v1/me',
      token: f.mum.token,
      body: { displayName: 'muM\u202E' },
    }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'lone UTF-16 surrogate in a display name',
    request: (f) => ({
      method: 'PATCH',
      url: '/v1/me',
      payload: '{"displayName":"Mum\\ud800"}',
      headers: { authorization: `Bearer ${f.mum.token}`, 'content-type': json },
    }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'changing one’s own phone through PATCH /v1/me',
    request: (f) => ({
      method: 'PATCH',
      url: '/v1/me',
      token: f.mum.token,
      body: { phone: '+8613800000000' },
    }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'child device editing its own profile through PATCH /v1/me',
    request: (f) => ({
      method: 'PATCH',
      url: '/v1/me',
      token: f.childToken,
      body: { displayName: 'Boss' },
    }),
    expectStatus: 403,
    expectCode: 'FORBIDDEN',
  },
  {
    name: 'device report with a location field',
    request: (f) => ({
      method: 'PUT',
      url: '/v1/devices/current',
      token: f.childToken,
      body: { ...TEST_DEVICE, location: '31.2,121.4' },
    }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'device report with nested unknown permission',
    request: (f) => ({
      method: 'PUT',
      url: '/v1/devices/current',
      token: f.childToken,
      body: { ...TEST_DEVICE, permissions: { ...TEST_DEVICE.permissions, contacts: 'granted' } },
    }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'device report with an unknown permission value',
    request: (f) => ({
      method: 'PUT',
      url: '/v1/devices/current',
      token: f.childToken,
      body: { ...TEST_DEVICE, permissions: { ...TEST_DEVICE.permissions, camera: 'always' } },
    }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'revoking another family’s session',
    request: (f) => ({
      method: 'DELETE',
      url: `/v1/sessions/${f.otherSessionId}`,
      token: f.mum.token,
    }),
    expectStatus: 404,
    expectCode: 'NOT_FOUND',
  },
  {
    name: 'session ID over 64 characters',
    request: (f) => ({
      method: 'DELETE',
      url: `/v1/sessions/${'s'.repeat(65)}`,
      token: f.mum.token,
    }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'marking another family’s notification read',
    request: (f) => ({
      method: 'POST',
      url: `/v1/notifications/${f.otherNotificationId}/read`,
      token: f.mum.token,
    }),
    expectStatus: 404,
    expectCode: 'NOT_FOUND',
  },

  // ── Consents ───────────────────────────────────────────────────────────────────────────
  {
    name: 'consent to a policy version that is not current',
    request: (f) => ({
      method: 'POST',
      url: '/v1/consents',
      token: f.mum.token,
      body: { purpose: 'child_account', granted: true, policyVersion: '1999-01-01' },
    }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'consent granted as the string "yes"',
    request: (f) => ({
      method: 'POST',
      url: '/v1/consents',
      token: f.mum.token,
      body: { purpose: 'analytics', granted: 'yes', policyVersion: '2026-11-01' },
    }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'consent naming another family’s child',
    request: (f) => ({
      method: 'POST',
      url: '/v1/consents',
      token: f.mum.token,
      body: {
        purpose: 'analytics',
        granted: true,
        policyVersion: '2026-11-01',
        childId: f.otherChild.id,
      },
    }),
    expectStatus: 404,
    expectCode: 'NOT_FOUND',
  },
  {
    name: 'consent from a child’s device',
    request: (f) => ({
      method: 'POST',
      url: '/v1/consents',
      token: f.childToken,
      body: { purpose: 'analytics', granted: true, policyVersion: '2026-11-01' },
    }),
    expectStatus: 403,
    expectCode: 'FORBIDDEN',
  },

  // ── Creating children ──────────────────────────────────────────────────────────────────
  {
    name: 'child without consentId',
    request: (f) => newChild(f, { consentId: undefined }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'child with another family’s consent',
    request: (f) => newChild(f, { consentId: f.otherConsentId }),
    expectStatus: 403,
    expectCode: 'CONSENT_REQUIRED',
  },
  {
    name: 'child PIN with letters',
    request: (f) => newChild(f, { pin: '48a9' }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'child PIN as a number',
    request: (f) => newChild(f, { pin: 4829 }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'child PIN of five digits',
    request: (f) => newChild(f, { pin: '48291' }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'trivial child PIN',
    request: (f) => newChild(f, { pin: '1234' }),
    expectStatus: 400,
    expectCode: 'WEAK_PIN',
  },
  {
    name: 'birthday 2026-13-45',
    request: (f) => newChild(f, { birthday: '2026-13-45' }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'birthday in the future',
    request: (f) => newChild(f, { birthday: '2031-06-01' }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'birthday in another format',
    request: (f) => newChild(f, { birthday: '01/06/2019' }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'country in lower case',
    request: (f) => newChild(f, { country: 'cn' }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'gender outside the list',
    request: (f) => newChild(f, { gender: 'unicorn' }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'unknown built-in avatar',
    request: (f) => newChild(f, { avatar: { kind: 'builtin', id: '../../etc/passwd' } }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'avatar given as a javascript: URL',
    request: (f) => newChild(f, { avatar: { kind: 'image', url: 'javascript:alert(1)' } }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'child display name over 40 characters',
    request: (f) => newChild(f, { displayName: '<b>'.repeat(14) }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'child with a field that decides its own guardian',
    request: (f) => newChild(f, { guardianId: f.other.accountId }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'child created from a child’s device',
    request: (f) => ({ ...newChild(f, {}), token: f.childToken }),
    expectStatus: 403,
    expectCode: 'FORBIDDEN',
  },

  // ── Acting on children ─────────────────────────────────────────────────────────────────
  {
    name: 'another family’s child',
    request: (f) => ({ method: 'GET', url: otherChild(f), token: f.mum.token }),
    expectStatus: 404,
    expectCode: 'NOT_FOUND',
  },
  {
    name: 'editing another family’s child',
    request: (f) => ({
      method: 'PATCH',
      url: otherChild(f),
      token: f.mum.token,
      body: { displayName: 'Mine now' },
    }),
    expectStatus: 404,
    expectCode: 'NOT_FOUND',
  },
  {
    name: 'linking a device to another family’s child',
    request: (f) => ({ method: 'POST', url: otherChild(f, '/link-codes'), token: f.mum.token }),
    expectStatus: 404,
    expectCode: 'NOT_FOUND',
  },
  {
    name: 'setting another family’s child’s PIN',
    request: (f) => ({
      method: 'PUT',
      url: otherChild(f, '/pin'),
      token: f.mum.token,
      body: { pin: '7391' },
    }),
    expectStatus: 404,
    expectCode: 'NOT_FOUND',
  },
  {
    name: 'inviting a guardian to another family’s child',
    request: (f) => ({
      method: 'POST',
      url: otherChild(f, '/guardian-invites'),
      token: f.mum.token,
      body: { phone: f.mum.phone },
    }),
    expectStatus: 404,
    expectCode: 'NOT_FOUND',
  },
  {
    name: 'child ID over 64 characters',
    request: (f) => ({ method: 'GET', url: `/v1/children/${'c'.repeat(100)}`, token: f.mum.token }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'child ID longer than the router allows',
    request: (f) => ({
      method: 'GET',
      url: `/v1/children/${'c'.repeat(5_000)}`,
      token: f.mum.token,
    }),
    expectStatus: 414,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'child ID with broken percent-encoding',
    request: (f) => ({ method: 'GET', url: '/v1/children/%E0%A4%A', token: f.mum.token }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'child ID with a NUL byte',
    request: (f) => ({ method: 'GET', url: `/v1/children/${f.child.id}%00`, token: f.mum.token }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'SQL in a child ID',
    request: (f) => ({
      method: 'GET',
      url: `/v1/children/${encodeURIComponent("x' OR '1'='1")}`,
      token: f.mum.token,
    }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'empty correction',
    request: (f) => ({ method: 'PATCH', url: child(f), token: f.mum.token, body: {} }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'birthday that is not a real day (2020-02-30)',
    request: (f) => ({
      method: 'PATCH',
      url: child(f),
      token: f.mum.token,
      body: { birthday: '2020-02-30' },
    }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'selfFriending as the string "true"',
    request: (f) => ({
      method: 'PUT',
      url: child(f, '/settings'),
      token: f.mum.token,
      body: { selfFriending: 'true' },
    }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'selfFriending as 1',
    request: (f) => ({
      method: 'PUT',
      url: child(f, '/settings'),
      token: f.mum.token,
      body: { selfFriending: 1 },
    }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'trivial PIN change',
    request: (f) => ({
      method: 'PUT',
      url: child(f, '/pin'),
      token: f.mum.token,
      body: { pin: '0000' },
    }),
    expectStatus: 400,
    expectCode: 'WEAK_PIN',
  },
  {
    name: 'PIN check for an action that does not exist',
    request: (f) => ({
      method: 'POST',
      url: child(f, '/pin/check'),
      token: f.childToken,
      body: { pin: f.child.pin, action: 'account.takeover' },
    }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'PIN unlock code with letters',
    request: (f) => ({
      method: 'POST',
      url: child(f, '/pin/unlock'),
      token: f.mum.token,
      body: { code: 'abcdef' },
    }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'PIN unlock with a code that was never sent',
    request: (f) => ({
      method: 'POST',
      url: child(f, '/pin/unlock'),
      token: f.mum.token,
      body: { code: '654321' },
    }),
    expectStatus: 400,
    expectCode: 'CODE_INVALID',
  },
  {
    name: 'guardian invite to an invalid phone',
    request: (f) => ({
      method: 'POST',
      url: child(f, '/guardian-invites'),
      token: f.mum.token,
      body: { phone: '<script>alert(1)</script>' },
    }),
    expectStatus: 400,
    expectCode: 'INVALID_PHONE',
  },
  {
    name: 'child device with an unknown field, carrying a valid elevation',
    request: (f) => ({
      method: 'PATCH',
      url: child(f),
      token: f.childToken,
      body: { displayName: 'Boss', selfFriending: true },
      headers: { [ELEVATION_HEADER]: f.elevation },
    }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'child device with a forged elevation token',
    request: (f) => ({
      method: 'PATCH',
      url: child(f),
      token: f.childToken,
      body: { displayName: 'Boss' },
      headers: { [ELEVATION_HEADER]: 'forged-elevation-token-000000000000' },
    }),
    expectStatus: 403,
    expectCode: 'ELEVATION_INVALID',
  },
  {
    name: 'child device with a 10 KiB elevation header',
    request: (f) => ({
      method: 'PUT',
      url: child(f, '/settings'),
      token: f.childToken,
      body: { selfFriending: true },
      headers: { [ELEVATION_HEADER]: 'e'.repeat(10_240) },
    }),
    expectStatus: 403,
    expectCode: 'ELEVATION_REQUIRED',
  },

  // ── Avatars ────────────────────────────────────────────────────────────────────────────
  {
    name: 'HTML declared as image/png',
    request: (f) => avatar(f, HTML_PAGE, 'image/png'),
    expectStatus: 400,
    expectCode: 'INVALID_IMAGE',
  },
  {
    name: 'SVG with a script, declared as SVG',
    request: (f) => avatar(f, SVG_WITH_SCRIPT, 'image/svg+xml'),
    expectStatus: 415,
    expectCode: 'UNSUPPORTED_MEDIA_TYPE',
  },
  {
    name: 'SVG with a script, declared as image/png',
    request: (f) => avatar(f, SVG_WITH_SCRIPT, 'image/png'),
    expectStatus: 400,
    expectCode: 'INVALID_IMAGE',
  },
  {
    name: 'PNG bytes declared as image/jpeg',
    request: (f) => avatar(f, PNG_1X1, 'image/jpeg'),
    expectStatus: 400,
    expectCode: 'INVALID_IMAGE',
  },
  {
    name: 'empty image body',
    request: (f) => avatar(f, Buffer.alloc(0), 'image/png'),
    expectStatus: 400,
    expectCode: 'INVALID_IMAGE',
  },
  {
    name: 'avatar over 512 KiB',
    request: (f) => avatar(f, Buffer.concat([PNG_1X1, Buffer.alloc(520 * 1024)]), 'image/png'),
    expectStatus: 413,
    expectCode: 'PAYLOAD_TOO_LARGE',
  },
  {
    name: 'avatar for another family’s child',
    request: (f) => ({ ...avatar(f, PNG_1X1, 'image/png'), url: otherChild(f, '/avatar') }),
    expectStatus: 404,
    expectCode: 'NOT_FOUND',
  },
  {
    name: 'path traversal in an avatar blob ID',
    request: (f) => ({
      method: 'GET',
      url: '/v1/avatars/..%2F..%2Fetc%2Fpasswd',
      token: f.mum.token,
    }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'backslash traversal in an avatar blob ID',
    request: (f) => ({
      method: 'GET',
      url: '/v1/avatars/..%5C..%5Cwindows%5Cwin.ini',
      token: f.mum.token,
    }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'avatar blob that does not exist',
    request: (f) => ({ method: 'GET', url: '/v1/avatars/no_such_blob_000000', token: f.mum.token }),
    expectStatus: 404,
    expectCode: 'NOT_FOUND',
  },

  // ── Profiles, invites ──────────────────────────────────────────────────────────────────
  {
    name: 'public ID in the wrong alphabet',
    request: (f) => ({ method: 'GET', url: '/v1/profiles/abc0O1lI1', token: f.mum.token }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'another family’s child by public ID',
    request: (f) => ({
      method: 'GET',
      url: `/v1/profiles/${f.otherChild.publicId}`,
      token: f.mum.token,
    }),
    expectStatus: 404,
    expectCode: 'NOT_FOUND',
  },
  {
    name: 'accepting an invite that does not exist',
    request: (f) => ({
      method: 'POST',
      url: '/v1/guardian-invites/no_such_invite_0000/accept',
      token: f.mum.token,
    }),
    expectStatus: 404,
    expectCode: 'NOT_FOUND',
  },

  // ── Routing and query-string tricks ────────────────────────────────────────────────────
  {
    name: 'PUT on a child (not routed)',
    request: (f) => ({ method: 'PUT', url: child(f), token: f.mum.token, body: {} }),
    expectStatus: 404,
    expectCode: 'NOT_FOUND',
  },
  {
    name: 'PUT /v1/me (not routed)',
    request: (f) => ({ method: 'PUT', url: '/v1/me', token: f.mum.token, body: {} }),
    expectStatus: 404,
    expectCode: 'NOT_FOUND',
  },
  {
    name: 'GET on a POST-only route',
    request: () => ({ method: 'GET', url: '/v1/auth/otp?phone=%2B8613812345678&purpose=sign_in' }),
    expectStatus: 404,
    expectCode: 'NOT_FOUND',
  },
  {
    name: 'OPTIONS preflight (no CORS surface)',
    request: () => ({
      method: 'OPTIONS',
      url: '/v1/me',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    }),
    expectStatus: 404,
    expectCode: 'NOT_FOUND',
  },
  {
    name: 'unknown admin route',
    request: (f) => ({ method: 'GET', url: '/v1/admin/accounts', token: f.mum.token }),
    expectStatus: 404,
    expectCode: 'NOT_FOUND',
  },
  {
    name: 'dev SMS outbox when dev endpoints are off',
    request: (f) => ({
      method: 'GET',
      url: `/v1/dev/sms-outbox?phone=${encodeURIComponent(f.other.phone)}`,
    }),
    expectStatus: 404,
    expectCode: 'NOT_FOUND',
  },
  {
    name: 'query parameter trying to override the path child ID',
    request: (f) => ({
      method: 'GET',
      url: `${otherChild(f)}?childId=${f.child.id}`,
      token: f.mum.token,
    }),
    expectStatus: 404,
    expectCode: 'NOT_FOUND',
  },
  {
    name: 'query parameter trying to supply a valid public ID',
    request: (f) => ({
      method: 'GET',
      url: `/v1/profiles/nope?publicId=${f.child.publicId}`,
      token: f.mum.token,
    }),
    expectStatus: 400,
    expectCode: 'INVALID_REQUEST',
  },
  {
    name: 'repeated query parameters with pollution keys',
    request: (f) => ({
      method: 'GET',
      url: `${otherChild(f)}?__proto__[admin]=1&constructor[prototype][admin]=1&childId=a&childId=b`,
      token: f.mum.token,
    }),
    expectStatus: 404,
    expectCode: 'NOT_FOUND',
  },
];

describe.each(DIALECTS)('hostile input on %s', (dialect) => {
  let h: Harness;
  let f: Fixtures;
  const seen: { name: string; status: number }[] = [];

  const send = (r: HostileRequest): Promise<LightMyRequestResponse> => {
    const headers: Record<string, string> = {
      ...(r.token ? { authorization: `Bearer ${r.token}` } : {}),
      ...(r.body !== undefined ? { 'content-type': json } : {}),
      ...r.headers,
    };
    return h.app.inject({
      method: r.method,
      url: r.url,
      remoteAddress: '198.51.100.23',
      headers,
      ...(r.body !== undefined ? { payload: JSON.stringify(r.body) } : {}),
      ...(r.payload !== undefined ? { payload: r.payload } : {}),
    });
  };

  beforeAll(async () => {
    h = await startHarness(dialect);
    // A session that is then left to expire: sessions live 180 days.
    const old = await signUpAdult(h, 'Long Gone');
    h.clock.advance(181 * DAY);

    const mum = await signUpAdult(h, 'Mum');
    const kid = await createChild(h, mum);
    const childToken = await linkChildDevice(h, mum, kid);
    const other = await signUpAdult(h, 'Other Mum');
    const otherKid = await createChild(h, other);
    const gone = await signUpAdult(h, 'Signed Out');
    const out = await h.request({ method: 'POST', url: '/v1/auth/sign-out', token: gone.token });
    expect(out.statusCode).toBe(204);
    const otherSessions = await h.request({
      method: 'GET',
      url: '/v1/sessions',
      token: other.token,
    });
    const otherNotes = await h.request({
      method: 'GET',
      url: '/v1/notifications',
      token: other.token,
    });
    f = {
      mum,
      child: kid,
      childToken,
      elevation: await elevate(h, childToken, kid, 'profile.update'),
      freshConsentId: await giveChildConsent(h, mum),
      other,
      otherChild: otherKid,
      otherConsentId: await giveChildConsent(h, other),
      otherSessionId: otherSessions.json().sessions[0].id,
      otherNotificationId: otherNotes.json().notifications[0].id,
      expiredToken: old.token,
      revokedToken: gone.token,
    };
  });
  afterAll(() => h.close());

  it('has at least 50 cases, each with a distinct name', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(50);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(CASES)('$name → $expectStatus $expectCode', async (c) => {
    const res = await send(c.request(f));
    seen.push({ name: c.name, status: res.statusCode });
    expect(res.statusCode, res.body).toBe(c.expectStatus);
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const body = res.json();
    expect(Object.keys(body)).toEqual(['error']);
    const { code, message, ...extra } = body.error;
    expect(code).toBe(c.expectCode);
    expect(typeof message).toBe('string');
    expect(message.length).toBeGreaterThan(0);
    expect(message.length).toBeLessThan(300);
    expect(Object.keys(extra).filter((k) => k !== 'retryAfterSec')).toEqual([]);
    // Errors never echo a credential back.
    for (const secret of [f.mum.token, f.childToken, f.elevation, f.other.token]) {
      expect(res.body).not.toContain(secret);
    }
  });

  it('left the elevation untouched when its request was refused for its shape', async () => {
    const res = await h.request({
      method: 'PATCH',
      url: `/v1/children/${f.child.id}`,
      token: f.childToken,
      body: { gender: 'other' },
      headers: { [ELEVATION_HEADER]: f.elevation },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().gender).toBe('other');
  });

  it('stores SQL and HTML in display names verbatim, returns them only as JSON data', async () => {
    const names = [
      "Robert'); DROP TABLE accounts;--",
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      "' OR '1'='1' --",
      '; DELETE FROM sessions; --',
      '{{7*7}} ${7*7} <%= 7*7 %>',
      '小明 🐼 evil',
    ];
    for (const name of names) {
      // As an adult's own name at sign-up and through PATCH /v1/me…
      const adult = await signUpAdult(h, name);
      const me = await h.request({ method: 'GET', url: '/v1/me', token: adult.token });
      expectJsonName(me, name);
      const patched = await h.request({
        method: 'PATCH',
        url: '/v1/me',
        token: f.mum.token,
        body: { displayName: name },
      });
      expectJsonName(patched, name);
      // …and as a child's name, on creation and correction.
      const kid = await createChild(h, adult, { displayName: name });
      const got = await h.request({
        method: 'GET',
        url: `/v1/children/${kid.id}`,
        token: adult.token,
      });
      expectJsonName(got, name);
      const fixed = await h.request({
        method: 'PATCH',
        url: `/v1/children/${f.child.id}`,
        token: f.mum.token,
        body: { displayName: name },
      });
      expectJsonName(fixed, name);
      const guardians = await h.request({
        method: 'GET',
        url: `/v1/children/${kid.id}/guardians`,
        token: adult.token,
      });
      expect(guardians.json().guardians[0].displayName).toBe(name);
    }
    // The tables the SQL tried to drop or empty are still there and still full.
    const db = h.ctx.db.db;
    const TABLES: (keyof DatabaseSchema)[] = [
      'accounts',
      'sessions',
      'devices',
      'guardianships',
      'parental_pins',
      'consents',
      'notifications',
    ];
    for (const table of TABLES) {
      const row = await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(row.n), table).toBeGreaterThan(0);
    }
    const mumStill = await h.request({ method: 'GET', url: '/v1/me', token: f.mum.token });
    expect(mumStill.statusCode).toBe(200);
  });

  it('answered no request with a 5xx, logged no error, and is still up and ready', async () => {
    expect(seen).toHaveLength(CASES.length);
    expect(seen.filter((s) => s.status >= 500)).toEqual([]);
    const errors = h.logs
      .map((line) => JSON.parse(line) as { level: number; msg?: string })
      .filter((l) => l.level >= 50);
    expect(errors).toEqual([]);
    const healthz = await h.request({ method: 'GET', url: '/healthz' });
    expect(healthz.statusCode).toBe(200);
    expect(healthz.json()).toEqual({ ok: true });
    const readyz = await h.request({ method: 'GET', url: '/readyz' });
    expect(readyz.statusCode).toBe(200);
    expect(readyz.json()).toEqual({ ok: true, db: dialect });
  });
});

function expectJsonName(res: LightMyRequestResponse, name: string): void {
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.json().displayName).toBe(name);
}
