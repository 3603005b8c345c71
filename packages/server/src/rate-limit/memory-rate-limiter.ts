import type { Clock } from '../clock.js';
import type { RateDecision, RateLimiter, RateRule } from './rate-limiter.js';

const SWEEP_EVERY = 1024;

export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();
  private calls = 0;

  constructor(private readonly clock: Clock) {}

  async consume(rule: RateRule, key: string): Promise<RateDecision> {
    const now = this.clock.now();
    // Expired windows are swept now and then so an attack on many keys cannot grow memory.
    if (++this.calls % SWEEP_EVERY === 0) this.sweep(now);
    const id = `${rule.name}:${key}`;
    let w = this.windows.get(id);
    if (!w || w.endsAt <= now) {
      w = { count: 0, endsAt: now + rule.windowMs };
      this.windows.set(id, w);
    }
    w.count++;
    if (w.count <= rule.limit) return { allowed: true, retryAfterSec: 0 };
    return { allowed: false, retryAfterSec: Math.max(1, Math.ceil((w.endsAt - now) / 1000)) };
  }

  private sweep(now: number): void {
    for (const [id, w] of this.windows) if (w.endsAt <= now) this.windows.delete(id);
  }

  async close(): Promise<void> {
    this.windows.clear();
  }
}
