export interface RateDecision {
  allowed: boolean;
  /** Seconds until the window that refused this call ends; 0 when allowed. */
  retryAfterSec: number;
}

export interface RateRule {
  /** Namespaces the key so two rules never share a counter. */
  name: string;
  limit: number;
  windowMs: number;
}

/** Fixed-window counters. Memory for one node, Redis when several nodes share limits. */
export interface RateLimiter {
  consume(rule: RateRule, key: string): Promise<RateDecision>;
  close(): Promise<void>;
}
