import { DAY } from '../clock.js';
import type { DbExecutor } from '../db/database.js';
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

/** Every kind of short-lived data, with how long it may live. */
export const RETENTION_RULES: RetentionRule[] = [
  {
    name: 'otp_challenges.expired',
    purge: async (db, now) =>
      deleted(await db.deleteFrom('otp_challenges').where('expires_at', '<=', now).execute()),
  },
  {
    name: 'elevation_tokens.expired',
    purge: async (db, now) =>
      deleted(await db.deleteFrom('elevation_tokens').where('expires_at', '<=', now).execute()),
  },
  {
    name: 'link_codes.expired',
    purge: async (db, now) =>
      deleted(await db.deleteFrom('link_codes').where('expires_at', '<=', now).execute()),
  },
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
  {
    // A device record lives exactly as long as its session.
    name: 'sessions.expired',
    purge: async (db, now) =>
      deleted(
        await db
          .deleteFrom('devices')
          .where(
            'id',
            'in',
            db.selectFrom('sessions').select('device_id').where('expires_at', '<=', now),
          )
          .execute(),
      ),
  },
  {
    name: 'notifications.old',
    purge: async (db, now) =>
      deleted(
        await db
          .deleteFrom('notifications')
          .where('created_at', '<=', now - NOTIFICATION_RETENTION_MS)
          .execute(),
      ),
  },
  {
    // P4: what no device acknowledged within the period is dropped, delivered or not.
    name: 'mailbox_entries.undelivered',
    purge: async (db, now, policy) =>
      deleted(
        await db
          .deleteFrom('mailbox_entries')
          .where('created_at', '<=', now - policy.undeliveredMs)
          .execute(),
      ),
  },
  {
    name: 'sent_messages.old',
    purge: async (db, now, policy) =>
      deleted(
        await db
          .deleteFrom('sent_messages')
          .where('created_at', '<=', now - policy.undeliveredMs)
          .execute(),
      ),
  },
  {
    name: 'key_packages.expired',
    purge: async (db, now) =>
      deleted(await db.deleteFrom('key_packages').where('expires_at', '<=', now).execute()),
  },
  {
    name: 'friend_requests.decided',
    purge: async (db, now) =>
      deleted(
        await db
          .deleteFrom('friend_requests')
          .where('decided_at', '<=', now - DECIDED_REQUEST_RETENTION_MS)
          .execute(),
      ),
  },
  ...ATTACHMENT_RULES,
];
