import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../src/clock.js';
import { testDialects } from './support/databases.js';
import type { Adult, Child } from './support/flows.js';
import { createChild, latestCode, linkChildDevice, signUpAdult } from './support/flows.js';
import type { Harness } from './support/harness.js';
import { startHarness } from './support/harness.js';

const DIALECTS = await testDialects();
const WRONG = '7316';

/**
 * P6, P16: a guardian sees from their own session that the child's PIN is locked and lifts
 * the lock; after ten wrong PINs only an SMS code (or a new PIN) does. Nobody but the child's
 * guardians can see or lift it, and every guardian is told.
 */
describe.each(DIALECTS)('guardian unlock of a locked PIN on %s (P6)', (dialect) => {
  let h: Harness;
  let mum: Adult;
  let dad: Adult;
  let other: Adult;
  let otherChildDevice: string;

  beforeAll(async () => {
    h = await startHarness(dialect);
    mum = await signUpAdult(h, 'Mum');
    dad = await signUpAdult(h, 'Dad');
    other = await signUpAdult(h, 'Other');
    const otherChild = await createChild(h, other);
    otherChildDevice = await linkChildDevice(h, other, otherChild);
  });
  afterAll(() => h.close());

  async function family(): Promise<{ child: Child; device: string }> {
    const child = await createChild(h, mum);
    const invite = await h.request({
      method: 'POST',
      url: `/v1/children/${child.id}/guardian-invites`,
      token: mum.token,
      body: { phone: dad.phone },
    });
    const accepted = await h.request({
      method: 'POST',
      url: `/v1/guardian-invites/${invite.json().id}/accept`,
      token: dad.token,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    return { child, device: await linkChildDevice(h, mum, child) };
  }
  const check = (device: string, child: Child, pin: string) =>
    h.request({
      method: 'POST',
      url: `/v1/children/${child.id}/pin/check`,
      token: device,
      body: { pin, action: 'profile.update' },
    });
  const status = (child: Child, token: string) =>
    h.request({ method: 'GET', url: `/v1/children/${child.id}/pin`, token });
  const unlock = (child: Child, token: string, body: object = {}) =>
    h.request({ method: 'POST', url: `/v1/children/${child.id}/pin/unlock`, token, body });
  async function wrong(device: string, child: Child, times: number) {
    for (let i = 0; i < times; i++) await check(device, child, WRONG);
  }
  const unlockedNotices = async (who: Adult, child: Child) =>
    (await h.request({ method: 'GET', url: '/v1/notifications', token: who.token }))
      .json()
      .notifications.filter(
        (n: { kind: string; childId: string }) =>
          n.kind === 'pin.unlocked' && n.childId === child.id,
      );

  it('shows the lock and its end to the guardian, and lifts it from their session', async () => {
    const { child, device } = await family();
    expect((await status(child, mum.token)).json()).toEqual({ state: 'ok', lockedUntil: null });
    await wrong(device, child, 5);
    const locked = await status(child, dad.token);
    expect(locked.statusCode).toBe(200);
    expect(locked.json()).toEqual({ state: 'locked', lockedUntil: h.clock.now() + 15 * MINUTE });
    expect((await check(device, child, child.pin)).json().error.code).toBe('PIN_LOCKED');

    const res = await unlock(child, dad.token);
    expect(res.statusCode, res.body).toBe(204);
    expect((await status(child, mum.token)).json()).toEqual({ state: 'ok', lockedUntil: null });
    expect((await check(device, child, child.pin)).statusCode).toBe(200);
    // Both guardians hear of it, the one who acted too.
    for (const g of [mum, dad]) expect(await unlockedNotices(g, child)).toHaveLength(1);
  });

  it('refuses everyone but the child’s guardians, exactly as for a missing child', async () => {
    const { child, device } = await family();
    await wrong(device, child, 5);
    const missingStatus = await status({ ...child, id: 'nobody' }, other.token);
    const missingUnlock = await unlock({ ...child, id: 'nobody' }, other.token);
    expect(missingStatus.statusCode).toBe(404);
    for (const token of [other.token, device, otherChildDevice]) {
      const seen = await status(child, token);
      expect(seen.statusCode).toBe(404);
      expect(seen.body).toBe(missingStatus.body);
      const lifted = await unlock(child, token);
      expect(lifted.statusCode).toBe(404);
      expect(lifted.body).toBe(missingUnlock.body);
    }
    expect((await status(child, '')).statusCode).toBe(401);
    expect((await status(child, mum.token)).json().state).toBe('locked');
    expect((await check(device, child, child.pin)).json().error.code).toBe('PIN_LOCKED');
    expect(await unlockedNotices(mum, child)).toEqual([]);
  });

  it('keeps the count of wrong PINs when a lock is lifted, so ten still need SMS', async () => {
    const { child, device } = await family();
    await wrong(device, child, 5);
    expect((await unlock(child, mum.token)).statusCode).toBe(204);
    await wrong(device, child, 5);
    expect((await status(child, mum.token)).json()).toEqual({
      state: 'reverify',
      lockedUntil: null,
    });
    const refused = await unlock(child, mum.token);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('PIN_REVERIFY_REQUIRED');
    expect((await check(device, child, child.pin)).json().error.code).toBe('PIN_REVERIFY_REQUIRED');

    // A wrong SMS code changes nothing; the right one unlocks everything.
    await h.request({
      method: 'POST',
      url: '/v1/auth/otp',
      body: { phone: mum.phone, purpose: 'pin_unlock' },
    });
    const code = await latestCode(h, mum.phone);
    const bad = await unlock(child, mum.token, { code: code === '000000' ? '111111' : '000000' });
    expect(bad.json().error.code).toBe('CODE_INVALID');
    expect((await status(child, mum.token)).json().state).toBe('reverify');
    expect((await unlock(child, mum.token, { code })).statusCode).toBe(204);
    expect((await status(child, mum.token)).json().state).toBe('ok');
    expect((await check(device, child, child.pin)).statusCode).toBe(200);
  });

  it('unlocks by a new PIN too, and the old one stops working', async () => {
    const { child, device } = await family();
    await wrong(device, child, 5);
    h.clock.advance(15 * MINUTE + 1);
    await wrong(device, child, 5);
    expect((await status(child, dad.token)).json().state).toBe('reverify');
    const set = await h.request({
      method: 'PUT',
      url: `/v1/children/${child.id}/pin`,
      token: dad.token,
      body: { pin: '5082' },
    });
    expect(set.statusCode, set.body).toBe(204);
    expect((await status(child, dad.token)).json().state).toBe('ok');
    expect((await check(device, child, child.pin)).json().error.code).toBe('PIN_INVALID');
    expect((await check(device, child, '5082')).statusCode).toBe(200);
  });

  it('answers an unlock of a PIN that is not locked without telling anyone', async () => {
    const { child, device } = await family();
    await wrong(device, child, 2);
    expect((await unlock(child, dad.token)).statusCode).toBe(204);
    for (const g of [mum, dad]) expect(await unlockedNotices(g, child)).toEqual([]);
    // The two wrong tries still count toward the lock.
    await wrong(device, child, 3);
    expect((await status(child, mum.token)).json().state).toBe('locked');
  });

  it('refuses a malformed unlock body', async () => {
    const { child } = await family();
    for (const body of [{ code: 'abcdef' }, { code: '123456', extra: 1 }, { pin: '5082' }]) {
      const res = await unlock(child, mum.token, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('INVALID_REQUEST');
    }
  });
});
