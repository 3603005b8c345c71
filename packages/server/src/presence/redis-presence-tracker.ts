import type { Redis } from 'ioredis';
import type { PresenceTracker } from './presence-tracker.js';

/**
 * One hash of per-account device counts shared by every node. A node that dies without
 * disconnecting leaves counts behind; they are corrected when that account's devices next
 * connect and disconnect, and the field never goes below zero.
 */
export class RedisPresenceTracker implements PresenceTracker {
  constructor(
    private readonly redis: Redis,
    private readonly key = 'kidtalk:presence',
  ) {}

  async connected(accountId: string): Promise<boolean> {
    return (await this.redis.hincrby(this.key, accountId, 1)) === 1;
  }

  async disconnected(accountId: string): Promise<boolean> {
    const n = await this.redis.hincrby(this.key, accountId, -1);
    if (n <= 0) await this.redis.hdel(this.key, accountId);
    return n <= 0;
  }

  async isOnline(accountId: string): Promise<boolean> {
    return Number((await this.redis.hget(this.key, accountId)) ?? 0) > 0;
  }
}
