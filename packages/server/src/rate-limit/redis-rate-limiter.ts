import type { Redis } from 'ioredis';
import type { RateDecision, RateLimiter, RateRule } from './rate-limiter.js';

// INCR and the first PEXPIRE must be atomic, or a crash between them leaves a key that
// never expires and locks a phone number out for good.
const SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}
`;

export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'kidtalk:rl:',
  ) {}

  async consume(rule: RateRule, key: string): Promise<RateDecision> {
    const [count, ttl] = (await this.redis.eval(
      SCRIPT,
      1,
      `${this.prefix}${rule.name}:${key}`,
      String(rule.windowMs),
    )) as [number, number];
    if (count <= rule.limit) return { allowed: true, retryAfterSec: 0 };
    return { allowed: false, retryAfterSec: Math.max(1, Math.ceil(ttl / 1000)) };
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
