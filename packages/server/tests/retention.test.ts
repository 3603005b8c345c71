import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, MINUTE } from '../src/clock.js';
import { RetentionJob } from '../src/jobs/retention-job.js';
import { SESSION_TTL_MS } from '../src/services/session-service.js';
import { testDialects } from './support/databases.js';
import type { Adult } from './support/flows.js';
import { createChild, elevate, linkChildDevice, nextPhone, signUpAdult } from './support/flows.js';
import type { Harness } from './support/harness.js';
import { startHarness } from './support/harness.js';

const DIALECTS = await testDialects();

describe.each(DIALECTS)('retention of short-lived data on %s', (dialect) => {
  let h: Harness;
  let job: RetentionJob;
  let mum: Adult;
  const count = async (
    table:
      | 'otp_challenges'
      | 'elevation_tokens'
      | 'link_codes'
      | 'guardian_invites'
      | 'devices'
      | 'sessions'
      | 'notifications',
  ) =>
    Number(
      (
        await h.ctx.db.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    h = await startHarness(dialect);
    job = new RetentionJob(h.ctx.db, h.clock, h.ctx.logger);
    mum = await signUpAdult(h);
  });
  afterAll(() => h.close());

  it('deletes one-time codes, link codes, elevation tokens and invites once they expire', async () => {
    const child = await createChild(h, mum);
    const device = await linkChildDevice(h, mum, child);
    await elevate(h, device, child, 'profile.update');
    await h.request({
      method: 'POST',
      url: `/v1/children/${child.id}/link-codes`,
      token: mum.token,
    });
    await h.request({
      method: 'POST',
      url: `/v1/children/${child.id}/guardian-invites`,
      token: mum.token,
      body: { phone: nextPhone() },
    });
    await h.request({
      method: 'POST',
      url: '/v1/auth/otp',
      body: { phone: nextPhone(), purpose: 'sign_in' },
    });

    expect(await count('otp_challenges')).toBeGreaterThan(0);
    expect(await count('elevation_tokens')).toBe(1);
    expect(await count('link_codes')).toBe(2);
    expect(await count('guardian_invites')).toBe(1);

    const early = await job.runOnce();
    expect(early['elevation_tokens.expired']).toBe(0);
    expect(early['link_codes.expired']).toBe(0);

    h.clock.advance(10 * MINUTE + 1);
    const report = await job.runOnce();
    expect(report['otp_challenges.expired']).toBeGreaterThan(0);
    expect(report['elevation_tokens.expired']).toBe(1);
    expect(report['link_codes.expired']).toBe(2);
    expect(await count('otp_challenges')).toBe(0);
    expect(await count('elevation_tokens')).toBe(0);
    expect(await count('link_codes')).toBe(0);
    expect(await count('guardian_invites')).toBe(1);

    h.clock.advance(7 * DAY);
    await job.runOnce();
    expect(await count('guardian_invites')).toBe(0);
  });

  it('forgets a device when its session expires, and old notifications after 90 days', async () => {
    const before = await count('devices');
    expect(before).toBeGreaterThan(0);
    expect(await count('notifications')).toBeGreaterThan(0);
    h.clock.advance(SESSION_TTL_MS + 1);
    await job.runOnce();
    expect(await count('devices')).toBe(0);
    expect(await count('sessions')).toBe(0);
    expect(await count('notifications')).toBe(0);
    expect((await h.request({ method: 'GET', url: '/v1/me', token: mum.token })).statusCode).toBe(
      401,
    );
  });
});
