import { randomBytes } from 'node:crypto';
import { ErrorCode, MAX_CONVERSATION_MEMBERS } from '@kidtalk/protocol';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDialect } from './support/databases.js';
import { REDIS_TEST_URL, redisAvailable, testDialects } from './support/databases.js';
import type { Harness } from './support/harness.js';
import { startHarness } from './support/harness.js';
import type { Seeded } from './support/mls-flows.js';
import { approve, b64, mlsDevice, seedAccount, uploadKeyPackages } from './support/mls-flows.js';

/**
 * Issue 4: claiming takes a single-use KeyPackage from each of an account's devices, so claims
 * are limited per claimer and per (claimer, target) pair — a contact cannot drain another
 * account's packages. Runs with the in-process limiter and with Redis, on both dialects.
 */

const DIALECTS = await testDialects();
const LIMITERS = (await redisAvailable()) ? (['memory', 'redis'] as const) : (['memory'] as const);
const CASES = DIALECTS.flatMap((d) => LIMITERS.map((l): [TestDialect, string] => [d, l]));

describe.each(CASES)('KeyPackage claims on %s, %s limits', (dialect, limiter) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(dialect, limiter === 'redis' ? { REDIS_URL: REDIS_TEST_URL } : {});
  });
  afterAll(async () => h?.close());

  const claimRaw = (who: Seeded, accountIds: string[]) =>
    h.request({
      method: 'POST',
      url: '/v1/key-packages/claim',
      token: who.token,
      body: { accountIds },
    });
  const remaining = async (who: Seeded) =>
    (await h.request({ method: 'GET', url: '/v1/key-packages/count', token: who.token })).json()
      .remaining as number;
  const expectRateLimited = (res: LightMyRequestResponse) => {
    expect(res.statusCode, res.body).toBe(429);
    expect(res.json().error.code).toBe(ErrorCode.RateLimited);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  };
  const unknownIds = (n: number) =>
    Array.from({ length: n }, () => `nobody${randomBytes(8).toString('hex')}`);

  it('stops a burst of claims by one contact at the pair limit; the victim keeps the rest', async () => {
    const { perPair } = h.ctx.config.keyPackageClaims;
    const mum = await seedAccount(h);
    const gran = await seedAccount(h);
    const kid = await seedAccount(h, 'child');
    await approve(h, mum, kid);
    await approve(h, gran, kid);
    const kidDev = await mlsDevice(h, kid);
    const extra = 10;
    const uploaded = await uploadKeyPackages(h, kidDev, perPair + extra, true);
    const lastResort = b64(uploaded.find((k) => k.lastResort)!.keyPackage);

    const burst = await Promise.all(
      Array.from({ length: perPair + extra }, () => claimRaw(mum, [kid.accountId])),
    );
    const granted = burst.filter((r) => r.statusCode === 200);
    expect(granted).toHaveLength(perPair);
    const got = granted.map((r) => r.json().keyPackages[0]?.keyPackage as string);
    const refused = burst.filter((r) => r.statusCode !== 200);
    expect(refused).toHaveLength(extra);
    refused.forEach(expectRateLimited);
    // Only the granted claims took packages, each a different single-use one: a claim racing
    // others takes the next package, never the last resort while single-use ones remain.
    expect(got.every((k) => k !== undefined && k !== lastResort)).toBe(true);
    expect(new Set(got).size).toBe(perPair);
    expect(await remaining(kid)).toBe(extra);
    const left = await remaining(kid);

    // The limit is the pair's: another contact still claims, and mum's next claim is refused.
    const byGran = await claimRaw(gran, [kid.accountId]);
    expect(byGran.statusCode, byGran.body).toBe(200);
    expect(byGran.json().keyPackages).toHaveLength(1);
    expectRateLimited(await claimRaw(mum, [kid.accountId]));
    expect(await remaining(kid)).toBe(left - 1);
  });

  it('caps the accounts one claimer may list per hour, reachable or not', async () => {
    const { perAccount } = h.ctx.config.keyPackageClaims;
    const claimer = await seedAccount(h);
    const friend = await seedAccount(h);
    await approve(h, claimer, friend);
    await uploadKeyPackages(h, await mlsDevice(h, friend), 2);

    // A full group's worth per request, as conversation creation does; accounts that do not
    // exist spend the budget exactly like real ones.
    let spent = 0;
    while (spent < perAccount) {
      const n = Math.min(MAX_CONVERSATION_MEMBERS, perAccount - spent);
      const res = await claimRaw(claimer, unknownIds(n));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().keyPackages).toEqual([]);
      spent += n;
    }
    expectRateLimited(await claimRaw(claimer, [friend.accountId]));
    expect(await remaining(friend)).toBe(2);

    // Someone else's budget is untouched.
    const other = await seedAccount(h);
    await approve(h, other, friend);
    const res = await claimRaw(other, [friend.accountId]);
    expect(res.statusCode, res.body).toBe(200);
    expect(await remaining(friend)).toBe(1);
  });
});
