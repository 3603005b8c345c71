import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { MemoryRateLimiter } from '../src/rate-limit/memory-rate-limiter.js';
import type { RateLimiter } from '../src/rate-limit/rate-limiter.js';
import { RedisRateLimiter } from '../src/rate-limit/redis-rate-limiter.js';
import { REDIS_TEST_URL } from './support/databases.js';

async function redisOrNull(): Promise<Redis | null> {
  const r = new Redis(REDIS_TEST_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  try {
    await r.connect();
    await r.ping();
    return r;
  } catch (err) {
    r.disconnect();
    if (process.env.CI === 'true')
      throw new Error('Redis is required under CI=true', { cause: err });
    return null;
  }
}

const redis = await redisOrNull();
const prefix = `kidtalk:test:${process.pid}:${Date.now()}:`;
const impls: [string, () => RateLimiter][] = [
  ['memory', () => new MemoryRateLimiter(new ManualClock())],
];
if (redis) impls.push(['redis', () => new RedisRateLimiter(redis, prefix)]);

afterAll(async () => {
  if (!redis) return;
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

describe.each(impls)('%s rate limiter', (_name, make) => {
  it('allows `limit` calls per window per key, then refuses with a retry-after', async () => {
    const rl = make();
    const rule = { name: 'demo', limit: 3, windowMs: 60_000 };
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await rl.consume(rule, 'k1'));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3]!.retryAfterSec).toBeGreaterThan(0);
    expect(results[3]!.retryAfterSec).toBeLessThanOrEqual(60);
    expect((await rl.consume(rule, 'k2')).allowed).toBe(true);
    expect((await rl.consume({ ...rule, name: 'other' }, 'k1')).allowed).toBe(true);
  });

  it('counts concurrent calls exactly', async () => {
    const rl = make();
    const rule = { name: 'burst', limit: 10, windowMs: 60_000 };
    const out = await Promise.all(Array.from({ length: 50 }, () => rl.consume(rule, 'same')));
    expect(out.filter((d) => d.allowed)).toHaveLength(10);
  });
});

describe('memory rate limiter windows', () => {
  it('opens a new window when the old one ends', async () => {
    const clock = new ManualClock();
    const rl = new MemoryRateLimiter(clock);
    const rule = { name: 'w', limit: 1, windowMs: 1000 };
    expect((await rl.consume(rule, 'a')).allowed).toBe(true);
    expect((await rl.consume(rule, 'a')).allowed).toBe(false);
    clock.advance(1000);
    expect((await rl.consume(rule, 'a')).allowed).toBe(true);
  });
});

describe.skipIf(!redis)('redis rate limiter windows', () => {
  it('expires its key with the window, so nothing is kept forever', async () => {
    const rl = new RedisRateLimiter(redis!, prefix);
    await rl.consume({ name: 'ttl', limit: 1, windowMs: 5000 }, 'a');
    const ttl = await redis!.pttl(`${prefix}ttl:a`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5000);
  });
});

describe.skipIf(!redis)('the server with REDIS_URL shares limits through Redis', () => {
  it('refuses a 4th code to one number within the hour, counted in Redis', async () => {
    const { startHarness } = await import('./support/harness.js');
    const { nextPhone } = await import('./support/flows.js');
    const h = await startHarness('sqlite', { REDIS_URL: REDIS_TEST_URL });
    try {
      expect(h.ctx.limiter).toBeInstanceOf(RedisRateLimiter);
      const phone = nextPhone();
      const codes = [];
      // Redis outlives the test run, so per-IP counters must not be shared between runs.
      const net = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
      for (let i = 0; i < 4; i++) {
        const res = await h.request({
          method: 'POST',
          url: '/v1/auth/otp',
          body: { phone, purpose: 'sign_in' },
          ip: `${net}.${i}`,
        });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([202, 202, 202, 429]);
    } finally {
      await h.close();
    }
  });
});
