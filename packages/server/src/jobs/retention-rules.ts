import { DAY } from '../clock.js';
import { sql } from 'kysely';
import type { DbExecutor } from '../db/database.js';
import type { DatabaseSchema } from '../db/schema.js';
import { ATTACHMENT_RULES } from './attachment-retention.js';

/** The periods an operator may set; everything else is fixed by the promises. */
export interface RetentionPolicy {
  /** How long an undelivered message may wait for its recipient (P4: 15 days). */
  undeliveredMs: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { undeliveredMs: 15 * DAY };

/** Deletes files from the BlobStore; idempotent. */
export type DeleteFiles = (ids: readonly string[]) => Promise<void>;

export interface RetentionRule {
  /** Also the key in the job's report, and what docs/data-inventory.json refers to. */
  name: string;
  /**
   * Deletes what the rule no longer allows to be kept; returns how many rows went. A rule
   * whose rows own BlobStore files passes their IDs to `deleteFiles` once the rows are gone.
   */
  purge(
    db: DbExecutor,
    now: number,
    policy: RetentionPolicy,
    deleteFiles: DeleteFiles,
  ): Promise<number>;
}

const deleted = (r: { numDeletedRows: bigint }[]) =>
  r.reduce((n, x) => n + Number(x.numDeletedRows), 0);

export const NOTIFICATION_RETENTION_MS = 90 * DAY;
/** Consumed one-time codes stay briefly, only so a replay can be told from a typo. */
export const SPENT_CODE_RETENTION_MS = DAY;
export const DECIDED_REQUEST_RETENTION_MS = 30 * DAY;

/**
 * The common shape: rows whose `column` is at or before a cutoff go. Most rules are this; the
 * few that need a join or two conditions are written out below.
 */
function olderThan(
  name: string,
  table: keyof DatabaseSchema,
  column: string,
  cutoff: (now: number, policy: RetentionPolicy) => number,
): RetentionRule {
  return {
    name,
    purge: async (db, now, policy) => {
      const res =
        await sql`delete from ${sql.table(table)} where ${sql.ref(column)} <= ${cutoff(now, policy)}`.execute(
          db,
        );
      return Number(res.numAffectedRows ?? 0n);
    },
  };
}

/** Every kind of short-lived data, with how long it may live. */
export const RETENTION_RULES: RetentionRule[] = [
  olderThan('otp_challenges.expired', 'otp_challenges', 'expires_at', (now) => now),
  olderThan('elevation_tokens.expired', 'elevation_tokens', 'expires_at', (now) => now),
  olderThan('link_codes.expired', 'link_codes', 'expires_at', (now) => now),
  {
    name: 'guardian_invites.expired',
    purge: async (db, now) =>
      deleted(
        await db
          .deleteFrom('guardian_invites')
          .where((eb) =>
            eb.or([
              eb('expires_at', '<=', now),
              eb('accepted_at', '<=', now - SPENT_CODE_RETENTION_MS),
            ]),
          )
          .execute(),
      ),
  },
  expiredSessionsRule(),
  olderThan(
    'notifications.old',
    'notifications',
    'created_at',
    (now) => now - NOTIFICATION_RETENTION_MS,
  ),
  // P4: what no device acknowledged within the period is dropped, delivered or not.
  olderThan(
    'mailbox_entries.undelivered',
    'mailbox_entries',
    'created_at',
    (now, p) => now - p.undeliveredMs,
  ),
  olderThan('sent_messages.old', 'sent_messages', 'created_at', (now, p) => now - p.undeliveredMs),
  olderThan('key_packages.expired', 'key_packages', 'expires_at', (now) => now),
  olderThan(
    'friend_requests.decided',
    'friend_requests',
    'decided_at',
    (now) => now - DECIDED_REQUEST_RETENTION_MS,
  ),
  ...ATTACHMENT_RULES,
];

/**
 * A device record lives exactly as long as its session. The server passes its session
 * service's `expireDue`, which ends each session as a sign-out does (its device leaves its MLS
 * groups); without one (tests of the job alone), the devices are deleted directly.
 */
export function expiredSessionsRule(expire?: (now: number) => Promise<number>): RetentionRule {
  return {
    name: 'sessions.expired',
    purge: async (db, now) =>
      expire
        ? expire(now)
        : deleted(
            await db
              .deleteFrom('devices')
              .where(
                'id',
                'in',
                db.selectFrom('sessions').select('device_id').where('expires_at', '<=', now),
              )
              .execute(),
          ),
  };
}

/** The rules a running server applies: expired sessions end through the session service. */
export function serverRetentionRules(sessions: {
  expireDue(now: number): Promise<number>;
}): RetentionRule[] {
  return RETENTION_RULES.map((r) =>
    r.name === 'sessions.expired' ? expiredSessionsRule((now) => sessions.expireDue(now)) : r,
  );
}
