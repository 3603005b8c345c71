import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../src/clock.js';
import { testDialects } from './support/databases.js';
import type { Adult, Child } from './support/flows.js';
import { createChild, elevate, latestCode, linkChildDevice, signUpAdult } from './support/flows.js';
import type { Harness } from './support/harness.js';
import { startHarness } from './support/harness.js';

const DIALECTS = await testDialects();

describe.each(DIALECTS)('parental PIN on %s', (dialect) => {
  let h: Harness;
  let mum: Adult;
  beforeAll(async () => {
    h = await startHarness(dialect);
    mum = await signUpAdult(h, 'Mum');
  });
  afterAll(() => h.close());

  async function family(): Promise<{ child: Child; device: string }> {
    const child = await createChild(h, mum);
    return { child, device: await linkChildDevice(h, mum, child) };
  }
  const check = (device: string, child: Child, pin: string, action = 'profile.update') =>
    h.request({
      method: 'POST',
      url: `/v1/children/${child.id}/pin/check`,
      token: device,
      body: { pin, action },
    });

  it('is stored only as a salted scrypt hash', async () => {
    const { child } = await family();
    const row = await h.ctx.db.db
      .selectFrom('parental_pins')
      .selectAll()
      .where('child_id', '=', child.id)
      .executeTakeFirstOrThrow();
    expect(row.pin_hash).toMatch(/^scrypt\$/);
    expect(row.pin_hash).not.toContain(child.pin);
  });

  it.each(['0000', '1234', '1111', '9876', '2020'])(
    'refuses the trivial PIN %s when a child is created',
    async (pin) => {
      const consent = await h.request({
        method: 'POST',
        url: '/v1/consents',
        token: mum.token,
        body: {
          purpose: 'child_account',
          granted: true,
          policyVersion: h.ctx.config.policyVersion,
        },
      });
      const res = await h.request({
        method: 'POST',
        url: '/v1/children',
        token: mum.token,
        body: {
          consentId: consent.json().id,
          displayName: 'Kid',
          avatar: { kind: 'builtin', id: 'cat' },
          pin,
        },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('WEAK_PIN');
    },
  );

  it('locks for 15 minutes after 5 wrong tries, even for the right PIN', async () => {
    const { child, device } = await family();
    for (let i = 0; i < 5; i++)
      expect((await check(device, child, '7316')).json().error.code).toBe('PIN_INVALID');
    const locked = await check(device, child, child.pin);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('PIN_LOCKED');
    expect(locked.json().error.retryAfterSec).toBeGreaterThan(14 * 60);
    h.clock.advance(15 * MINUTE + 1);
    expect((await check(device, child, child.pin)).statusCode).toBe(200);
    const notes = await h.request({ method: 'GET', url: '/v1/notifications', token: mum.token });
    expect(
      notes
        .json()
        .notifications.some(
          (n: { kind: string; childId: string }) =>
            n.kind === 'pin.locked' && n.childId === child.id,
        ),
    ).toBe(true);
  });

  it('lets no more than 5 of a burst of parallel guesses be tried', async () => {
    const { child, device } = await family();
    const guesses = [
      '7316',
      '5093',
      '8642',
      '3957',
      '6081',
      '2749',
      '9315',
      '4173',
      '5862',
      '7024',
    ];
    const results = await Promise.all(guesses.map((g) => check(device, child, g)));
    const codes = results.map((r) => r.json().error.code);
    expect(codes.filter((c) => c === 'PIN_INVALID')).toHaveLength(5);
    expect(codes.filter((c) => c === 'PIN_LOCKED')).toHaveLength(5);
    expect((await check(device, child, child.pin)).json().error.code).toBe('PIN_LOCKED');
  });

  it('does not count a right PIN toward the lock', async () => {
    const { child, device } = await family();
    for (let i = 0; i < 4; i++) await check(device, child, '7316');
    expect((await check(device, child, child.pin)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++)
      expect((await check(device, child, '7316')).json().error.code).toBe('PIN_INVALID');
    expect((await check(device, child, child.pin)).statusCode).toBe(200);
  });

  it('needs the guardian to re-verify by SMS after 10 wrong tries in total', async () => {
    const { child, device } = await family();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 5; i++) await check(device, child, '7316');
      h.clock.advance(15 * MINUTE + 1);
    }
    const blocked = await check(device, child, child.pin);
    expect(blocked.json().error.code).toBe('PIN_REVERIFY_REQUIRED');

    // A wrong SMS code does not unlock it.
    await h.request({
      method: 'POST',
      url: '/v1/auth/otp',
      body: { phone: mum.phone, purpose: 'pin_unlock' },
    });
    const code = await latestCode(h, mum.phone);
    const wrongCode = code === '000000' ? '111111' : '000000';
    const bad = await h.request({
      method: 'POST',
      url: `/v1/children/${child.id}/pin/unlock`,
      token: mum.token,
      body: { code: wrongCode },
    });
    expect(bad.json().error.code).toBe('CODE_INVALID');
    expect((await check(device, child, child.pin)).json().error.code).toBe('PIN_REVERIFY_REQUIRED');

    const ok = await h.request({
      method: 'POST',
      url: `/v1/children/${child.id}/pin/unlock`,
      token: mum.token,
      body: { code },
    });
    expect(ok.statusCode).toBe(204);
    expect((await check(device, child, child.pin)).statusCode).toBe(200);
  });

  it('issues a single-use token bound to one action, one session, five minutes', async () => {
    const { child, device } = await family();
    const patch = (token: string | undefined, body: object = { displayName: 'Ming' }) =>
      h.request({
        method: 'PATCH',
        url: `/v1/children/${child.id}`,
        token: device,
        body,
        headers: token ? { 'x-kidtalk-elevation': token } : {},
      });

    expect((await patch(undefined)).json().error.code).toBe('ELEVATION_REQUIRED');
    const t = await elevate(h, device, child, 'profile.update');
    const first = await patch(t);
    expect(first.statusCode).toBe(200);
    expect(first.json().displayName).toBe('Ming');
    const second = await patch(t, { displayName: 'Again' });
    expect(second.statusCode).toBe(403);
    expect(second.json().error.code).toBe('ELEVATION_INVALID');

    const wrongAction = await elevate(h, device, child, 'settings.update');
    expect((await patch(wrongAction)).json().error.code).toBe('ELEVATION_INVALID');
    // Misused once, the token is burnt even for the action it was issued for.
    const burnt = await h.request({
      method: 'PUT',
      url: `/v1/children/${child.id}/settings`,
      token: device,
      body: { selfFriending: true },
      headers: { 'x-kidtalk-elevation': wrongAction },
    });
    expect(burnt.json().error.code).toBe('ELEVATION_INVALID');

    const stale = await elevate(h, device, child, 'profile.update');
    h.clock.advance(5 * MINUTE + 1);
    expect((await patch(stale)).json().error.code).toBe('ELEVATION_INVALID');

    const otherDevice = await linkChildDevice(h, mum, child);
    const fromOther = await elevate(h, otherDevice, child, 'profile.update');
    expect((await patch(fromOther)).json().error.code).toBe('ELEVATION_INVALID');
  });

  it('spends a token once even under concurrent use', async () => {
    const { child, device } = await family();
    const t = await elevate(h, device, child, 'settings.update');
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        h.request({
          method: 'PUT',
          url: `/v1/children/${child.id}/settings`,
          token: device,
          body: { selfFriending: true },
          headers: { 'x-kidtalk-elevation': t },
        }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode === 403)).toHaveLength(7);
  });

  it('can be changed from the guardian’s own session, never from the child’s device', async () => {
    const { child, device } = await family();
    const fromChild = await h.request({
      method: 'PUT',
      url: `/v1/children/${child.id}/pin`,
      token: device,
      body: { pin: '5093' },
    });
    expect(fromChild.statusCode).toBe(404);
    expect((await check(device, child, '5093')).json().error.code).toBe('PIN_INVALID');

    const weak = await h.request({
      method: 'PUT',
      url: `/v1/children/${child.id}/pin`,
      token: mum.token,
      body: { pin: '1111' },
    });
    expect(weak.json().error.code).toBe('WEAK_PIN');
    const ok = await h.request({
      method: 'PUT',
      url: `/v1/children/${child.id}/pin`,
      token: mum.token,
      body: { pin: '5093' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await check(device, child, child.pin)).json().error.code).toBe('PIN_INVALID');
    expect((await check(device, child, '5093')).statusCode).toBe(200);
  });

  it('lets the PIN-holder link another device from the child’s own device', async () => {
    const { child, device } = await family();
    const t = await elevate(h, device, child, 'device.link');
    const res = await h.request({
      method: 'POST',
      url: `/v1/children/${child.id}/link-codes`,
      token: device,
      headers: { 'x-kidtalk-elevation': t },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().code).toMatch(/^[0-9A-Z]{10}$/);
  });
});
