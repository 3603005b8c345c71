/**
 * Reconnect delays: "full jitter" exponential backoff (AWS architecture blog). The delay is
 * uniform in [0, min(cap, base·2^attempt)), so a crowd of clients that lost the same server
 * spreads out instead of reconnecting in synchronized waves.
 */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 250, capMs: 30_000 };

/** The upper bound for the given attempt (0-based). */
export function backoffCeiling(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  // Clamp the exponent so 2^attempt cannot overflow to Infinity after many failures.
  const exp = Math.min(Math.max(0, attempt), 30);
  return Math.min(options.capMs, options.baseMs * 2 ** exp);
}

export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  return Math.floor(random() * backoffCeiling(attempt, options));
}
