import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RedisPresenceTracker } from '../src/presence/redis-presence-tracker.js';
import { REDIS_TEST_URL } from './support/databases.js';

async function redisUp(): Promise<boolean> {
  const r = new Redis(REDIS_TEST_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  try {
    await r.connect();
    await r.ping();
    return true;
  } catch (err) {
    if (process.env.CI === 'true')
      throw new Error('Redis is required under CI=true', { cause: err });
    return false;
  } finally {
    r.disconnect();
  }
}

const READY = await redisUp();
const base = `kidtalk:test:presence:${process.pid}:${Date.now()}:`;
// Stopped nodes' hashes outlive a test by the TTL: every test gets its own keys.
let prefix = base;
const TTL_MS = 600;
const open: { redis: Redis; tracker: RedisPresenceTracker }[] = [];

/** A node: its own Redis connection and tracker, heartbeat running. */
function node(nodeId: string, ttlMs = TTL_MS): RedisPresenceTracker {
  const redis = new Redis(REDIS_TEST_URL, { maxRetriesPerRequest: 1 });
  const tracker = new RedisPresenceTracker(redis, { nodeId, ttlMs, prefix });
  tracker.start();
  open.push({ redis, tracker });
  return tracker;
}

async function until(check: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`not within ${ms} ms`);
    await sleep(25);
  }
}

let testSeq = 0;
beforeEach(() => {
  prefix = `${base}${testSeq++}:`;
});

afterEach(async () => {
  for (const { redis, tracker } of open.splice(0)) {
    await tracker.stop();
    redis.disconnect();
  }
});

afterAll(async () => {
  if (!READY) return;
  const r = new Redis(REDIS_TEST_URL);
  const keys = await r.keys(`${base}*`);
  if (keys.length) await r.del(...keys);
  await r.quit();
});

describe.skipIf(!READY)('Redis presence across nodes', () => {
  it('reports the first device on and the last device off, whichever node they use', async () => {
    const a = node('a');
    const b = node('b');
    expect(await a.connected('ann')).toBe(true);
    expect(await a.connected('ann')).toBe(false); // a second socket on the same node
    expect(await b.connected('ann')).toBe(false);
    expect(await b.isOnline('ann')).toBe(true);
    expect(await a.disconnected('ann')).toBe(false);
    expect(await a.disconnected('ann')).toBe(false); // still on node b
    expect(await a.isOnline('ann')).toBe(true);
    expect(await b.disconnected('ann')).toBe(true);
    expect(await a.isOnline('ann')).toBe(false);
    expect(await b.isOnline('ann')).toBe(false);
    expect(await b.isOnline('nobody')).toBe(false);
  });

  it('gives exactly one transition when two nodes race', async () => {
    const a = node('a');
    const b = node('b');
    for (let i = 0; i < 20; i++) {
      const on = await Promise.all([a.connected(`race${i}`), b.connected(`race${i}`)]);
      expect(on.filter(Boolean)).toHaveLength(1);
      const off = await Promise.all([a.disconnected(`race${i}`), b.disconnected(`race${i}`)]);
      expect(off.filter(Boolean)).toHaveLength(1);
    }
  });

  it('forgets a node that died without disconnecting once its TTL runs out', async () => {
    const a = node('a');
    const b = node('b');
    expect(await a.connected('ann')).toBe(true);
    await a.stop(); // dies: no heartbeat, no disconnect
    // Until the TTL runs out the dead node's count still stands...
    expect(await b.connected('ann')).toBe(false);
    expect(await b.disconnected('ann')).toBe(false);
    expect(await b.isOnline('ann')).toBe(true);
    // ...and then it is gone for good.
    await until(async () => !(await b.isOnline('ann')), 5 * TTL_MS);
    expect(await b.connected('ann')).toBe(true);
    expect(await b.disconnected('ann')).toBe(true);
  });

  it('reports, once, the accounts a dead node held that no live node counts', async () => {
    const a = node('a');
    const b = node('b');
    const c = node('c');
    const heard: string[][] = [];
    b.onExpired = (ids) => heard.push(ids);
    c.onExpired = (ids) => heard.push(ids);
    expect(await a.connected('ann')).toBe(true);
    expect(await a.connected('cat')).toBe(true);
    expect(await b.connected('cat')).toBe(false); // cat is on node b as well
    await a.stop(); // dies: no heartbeat, no disconnect
    await until(async () => heard.length > 0, 6 * TTL_MS);
    await sleep(2 * TTL_MS); // every live node has reaped again by now
    expect(heard).toEqual([['ann']]);
    expect(await b.isOnline('ann')).toBe(false);
    expect(await b.isOnline('cat')).toBe(true);
  });

  it('does not take a live node whose counts Redis lost for a dead one', async () => {
    const a = node('a');
    const b = node('b');
    const heard: string[][] = [];
    b.onExpired = (ids) => heard.push(ids);
    expect(await a.connected('ann')).toBe(true);
    await open[0]!.redis.del(`${prefix}node:a`);
    await sleep(3 * TTL_MS);
    expect(heard).toEqual([]);
    expect(await b.isOnline('ann')).toBe(true);
  });

  it('judges each node by its own TTL, not the reaper’s', async () => {
    // A node with a short TTL rewrites its hash often: losing it for a moment is no death,
    // though a reaper with a longer TTL would think its roster long unwritten by its own.
    const quick = node('quick', TTL_MS / 4);
    const slow = node('slow', 4 * TTL_MS);
    const heard: string[][] = [];
    slow.onExpired = (ids) => heard.push(ids);
    expect(await quick.connected('ann')).toBe(true);
    const redis = open[0]!.redis;
    // Redis keeps losing the quick node's hash across several of the slow node's reaps.
    const end = performance.now() + 3 * TTL_MS;
    while (performance.now() < end) {
      await redis.del(`${prefix}node:quick`);
      await sleep(5);
    }
    expect(heard).toEqual([]);
    expect(await redis.sismember(`${prefix}nodes`, 'quick')).toBe(1);
    // Dead for real, it is still reaped.
    await quick.stop();
    await until(() => Promise.resolve(heard.length > 0), 2 * 4 * TTL_MS);
    expect(heard).toEqual([['ann']]);
  });

  it('keeps a live node online past many TTLs, and restores its hash if Redis loses it', async () => {
    const a = node('a');
    const b = node('b');
    const redis = open[0]!.redis;
    expect(await a.connected('ann')).toBe(true);
    await sleep(3 * TTL_MS);
    expect(await b.isOnline('ann')).toBe(true);
    const ttl = await redis.pttl(`${prefix}node:a`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(TTL_MS);
    // Until node a's next beat (a third of a TTL) restores it, a lost hash reads as offline; the
    // beat may land between a loss and the check, so the loss is repeated until seen.
    await until(async () => {
      await redis.del(`${prefix}node:a`);
      return !(await b.isOnline('ann'));
    }, 2 * TTL_MS);
    await until(() => b.isOnline('ann'), 2 * TTL_MS);
    expect(await b.connected('ann')).toBe(false);
  });

  it('clears what an earlier process with the same node id left', async () => {
    const before = node('same');
    const b = node('b');
    expect(await before.connected('ann')).toBe(true);
    await before.stop(); // crashed
    const after = node('same');
    await after.isOnline('x'); // on its own connection, after start()'s clear
    expect(await b.isOnline('ann')).toBe(false);
    expect(await b.connected('ann')).toBe(true);
  });

  it('leaves at once on a clean close', async () => {
    const a = node('a');
    const b = node('b');
    expect(await a.connected('ann')).toBe(true);
    await a.close();
    expect(await b.isOnline('ann')).toBe(false);
  });
});
