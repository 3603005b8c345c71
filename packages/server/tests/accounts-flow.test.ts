import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../src/clock.js';
import { testDialects } from './support/databases.js';
import {
  createChild,
  latestCode,
  linkChildDevice,
  nextPhone,
  signUpAdult,
} from './support/flows.js';
import type { Harness } from './support/harness.js';
import { startHarness, TEST_DEVICE } from './support/harness.js';

const DIALECTS = await testDialects();

describe.each(DIALECTS)('accounts on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(dialect);
  });
  afterAll(() => h.close());

  it('guardian sign-up → consent → child → device link → child session', async () => {
    const mum = await signUpAdult(h, 'Mum');
    const child = await createChild(h, mum, { country: 'CN', gender: null });
    const childToken = await linkChildDevice(h, mum, child);

    const me = await h.request({ method: 'GET', url: '/v1/me', token: childToken });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ view: 'self', kind: 'child', id: child.id, phone: null });
    expect(me.json()).not.toHaveProperty('country');

    const kids = await h.request({ method: 'GET', url: '/v1/children', token: mum.token });
    expect(kids.json().children).toHaveLength(1);
    expect(kids.json().children[0]).toMatchObject({
      id: child.id,
      country: 'CN',
      gender: null,
      birthday: null,
      selfFriending: false,
      hasPin: true,
    });

    const sessions = await h.request({
      method: 'GET',
      url: `/v1/children/${child.id}/sessions`,
      token: mum.token,
    });
    expect(sessions.json().sessions).toHaveLength(1);
    expect(sessions.json().sessions[0].device).toMatchObject({
      os: TEST_DEVICE.os,
      timezone: 'Asia/Shanghai',
      permissions: { camera: 'granted', microphone: 'prompt', photos: 'denied' },
    });

    const notes = await h.request({ method: 'GET', url: '/v1/notifications', token: mum.token });
    expect(notes.json().notifications.map((n: { kind: string }) => n.kind)).toEqual(
      expect.arrayContaining(['child.created', 'device.linked']),
    );
  });

  it('signs an existing adult back in without a display name, and refuses a new one without', async () => {
    const mum = await signUpAdult(h);
    await h.request({
      method: 'POST',
      url: '/v1/auth/otp',
      body: { phone: mum.phone, purpose: 'sign_in' },
    });
    const again = await h.request({
      method: 'POST',
      url: '/v1/auth/sign-in',
      body: { phone: mum.phone, code: await latestCode(h, mum.phone), device: TEST_DEVICE },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, account: { id: mum.accountId } });

    const fresh = nextPhone();
    await h.request({
      method: 'POST',
      url: '/v1/auth/otp',
      body: { phone: fresh, purpose: 'sign_in' },
    });
    const noName = await h.request({
      method: 'POST',
      url: '/v1/auth/sign-in',
      body: { phone: fresh, code: await latestCode(h, fresh), device: TEST_DEVICE },
    });
    expect(noName.json().error.code).toBe('DISPLAY_NAME_REQUIRED');
  });

  it('one-time codes are single-use, expire after 10 minutes, and die after 5 wrong guesses', async () => {
    const phone = nextPhone();
    const send = () =>
      h.request({
        method: 'POST',
        url: '/v1/auth/otp',
        body: { phone, purpose: 'sign_in' },
        ip: '198.51.100.1',
      });
    const signIn = (code: string) =>
      h.request({
        method: 'POST',
        url: '/v1/auth/sign-in',
        body: { phone, code, displayName: 'Dad', device: TEST_DEVICE },
      });

    await send();
    const code = await latestCode(h, phone);
    expect((await signIn(code)).statusCode).toBe(200);
    expect((await signIn(code)).json().error.code).toBe('CODE_INVALID');

    await send();
    h.clock.advance(10 * MINUTE + 1);
    expect((await signIn(await latestCode(h, phone))).json().error.code).toBe('CODE_EXPIRED');

    await send();
    const good = await latestCode(h, phone);
    const wrong = good === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++)
      expect((await signIn(wrong)).json().error.code).toBe('CODE_INVALID');
    expect((await signIn(good)).json().error.code).toBe('CODE_INVALID');
  });

  it('sends at most 3 codes per number per hour', async () => {
    const phone = nextPhone();
    const send = (ip: string) =>
      h.request({ method: 'POST', url: '/v1/auth/otp', body: { phone, purpose: 'sign_in' }, ip });
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3'])
      expect((await send(ip)).statusCode).toBe(202);
    const fourth = await send('10.0.0.4');
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json().error.code).toBe('RATE_LIMITED');
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(0);
    expect(await h.outbox.read(phone)).toHaveLength(3);
    h.clock.advance(61 * MINUTE);
    expect((await send('10.0.0.5')).statusCode).toBe(202);
  });

  it('limits code sends per IP across many numbers', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await h.request({
        method: 'POST',
        url: '/v1/auth/otp',
        body: { phone: nextPhone(), purpose: 'sign_in' },
        ip: '192.0.2.99',
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.filter((s) => s === 202)).toHaveLength(20);
    expect(statuses.at(-1)).toBe(429);
  });

  it('lets a link code be used once only, and not after 10 minutes', async () => {
    const mum = await signUpAdult(h);
    const child = await createChild(h, mum);
    const code = (
      await h.request({
        method: 'POST',
        url: `/v1/children/${child.id}/link-codes`,
        token: mum.token,
      })
    ).json();
    expect(code.qrPayload).toContain(code.code);
    const link = () =>
      h.request({
        method: 'POST',
        url: '/v1/auth/link',
        body: { code: code.code, device: TEST_DEVICE },
      });
    expect((await link()).statusCode).toBe(200);
    expect((await link()).json().error.code).toBe('CODE_INVALID');

    const late = (
      await h.request({
        method: 'POST',
        url: `/v1/children/${child.id}/link-codes`,
        token: mum.token,
      })
    ).json();
    h.clock.advance(10 * MINUTE + 1);
    const res = await h.request({
      method: 'POST',
      url: '/v1/auth/link',
      body: { code: late.code, device: TEST_DEVICE },
    });
    expect(res.json().error.code).toBe('CODE_INVALID');
  });

  it('lets a guardian revoke a child session, after which its token is refused', async () => {
    const mum = await signUpAdult(h);
    const child = await createChild(h, mum);
    const childToken = await linkChildDevice(h, mum, child);
    const list = await h.request({
      method: 'GET',
      url: `/v1/children/${child.id}/sessions`,
      token: mum.token,
    });
    const sessionId = list.json().sessions[0].id;
    const del = await h.request({
      method: 'DELETE',
      url: `/v1/children/${child.id}/sessions/${sessionId}`,
      token: mum.token,
    });
    expect(del.statusCode).toBe(204);
    const me = await h.request({ method: 'GET', url: '/v1/me', token: childToken });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('lists and revokes the caller’s own sessions, and signs out', async () => {
    const mum = await signUpAdult(h);
    const list = await h.request({ method: 'GET', url: '/v1/sessions', token: mum.token });
    expect(list.json().sessions).toEqual([expect.objectContaining({ current: true })]);
    const out = await h.request({ method: 'POST', url: '/v1/auth/sign-out', token: mum.token });
    expect(out.statusCode).toBe(204);
    expect((await h.request({ method: 'GET', url: '/v1/me', token: mum.token })).statusCode).toBe(
      401,
    );
  });

  it('records device permission and timezone changes (P9)', async () => {
    const mum = await signUpAdult(h);
    const upd = await h.request({
      method: 'PUT',
      url: '/v1/devices/current',
      token: mum.token,
      body: {
        ...TEST_DEVICE,
        timezone: 'Europe/London',
        permissions: { camera: 'denied', microphone: 'granted', photos: 'granted' },
      },
    });
    expect(upd.statusCode).toBe(204);
    const list = await h.request({ method: 'GET', url: '/v1/sessions', token: mum.token });
    expect(list.json().sessions[0].device).toMatchObject({
      timezone: 'Europe/London',
      permissions: { camera: 'denied' },
    });
    const loc = await h.request({
      method: 'PUT',
      url: '/v1/devices/current',
      token: mum.token,
      body: { ...TEST_DEVICE, location: '31.2,121.4' },
    });
    expect(loc.statusCode).toBe(400);
  });
});
