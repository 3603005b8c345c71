import { HOUR, MINUTE } from '../clock.js';
import type { ServerConfig } from '../config/config.js';
import { rateLimited } from '../errors.js';
import type { RateLimiter, RateRule } from '../rate-limit/rate-limiter.js';

export const RULES = {
  linkPerIp: { name: 'link-ip', limit: 20, windowMs: HOUR },
  pinPerSession: { name: 'pin-session', limit: 30, windowMs: HOUR },
  profileLookupPerAccount: { name: 'profile-account', limit: 120, windowMs: MINUTE },
  invitePerAccount: { name: 'invite-account', limit: 10, windowMs: HOUR },
  uploadPerAccount: { name: 'upload-account', limit: 30, windowMs: HOUR },
  // Photos and voice notes are everyday chat, not a profile change.
  attachmentPerAccount: { name: 'attachment-account', limit: 300, windowMs: HOUR },
  // Exact-ID lookups (and requests and blocks, which answer the same "does it exist"): enough
  // for a family adding friends, far too few to walk the ID space (issue 4).
  lookupPerAccount: { name: 'lookup-account', limit: 30, windowMs: HOUR },
  lookupPerIp: { name: 'lookup-ip', limit: 100, windowMs: HOUR },
  friendRequestPerAccount: { name: 'friend-request-account', limit: 20, windowMs: HOUR },
  // Reports are rare; a burst is abuse of the moderators' queue, not safety (P17, P26).
  reportPerAccount: { name: 'report-account', limit: 10, windowMs: HOUR },
  supportPerAccount: { name: 'support-account', limit: 10, windowMs: HOUR },
} satisfies Record<string, RateRule>;

/** KeyPackage claims, with the limits from the configuration (issue 4). */
export const claimRules = (limits: ServerConfig['keyPackageClaims']) =>
  ({
    perAccount: { name: 'kp-claim-account', limit: limits.perAccount, windowMs: HOUR },
    perPair: { name: 'kp-claim-pair', limit: limits.perPair, windowMs: HOUR },
  }) satisfies Record<string, RateRule>;

/** Throws RATE_LIMITED with a retry-after when the rule's window is spent. */
export class RateGuard {
  constructor(private readonly limiter: RateLimiter) {}

  async check(rule: RateRule, key: string): Promise<void> {
    const d = await this.limiter.consume(rule, key);
    if (!d.allowed) throw rateLimited(d.retryAfterSec);
  }

  /** Spends `rule` once for each key (keys may repeat); refused if any one was refused. */
  async checkEach(rule: RateRule, keys: string[]): Promise<void> {
    const refused = (await Promise.all(keys.map((k) => this.limiter.consume(rule, k)))).filter(
      (d) => !d.allowed,
    );
    if (refused.length > 0) throw rateLimited(Math.max(...refused.map((d) => d.retryAfterSec)));
  }
}
