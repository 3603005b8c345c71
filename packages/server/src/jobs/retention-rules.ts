import { DAY } from '../clock.js';
import type { DbExecutor } from '../db/database.js';

export interface RetentionRule {
  /** Also the key in the job's report, and what docs/data-inventory.json refers to. */
  name: string;
  /** Deletes what the rule no longer allows to be kept; returns how many rows went. */
  purge(db: DbExecutor, now: number): Promise<number>;
}

const deleted = (r: { numDeletedRows: bigint }[]) =>
  r.reduce((n, x) => n + Number(x.numDeletedRows), 0);

export const NOTIFICATION_RETENTION_MS = 90 * DAY;
/** Consumed one-time codes stay briefly, only so a replay can be told from a typo. */
export const SPENT_CODE_RETENTION_MS = DAY;

/**
 * Every short-lived secret and notice the accounts model creates, with how long it may live.
 * Message and attachment purges (P3, P4) join this list with the relay.
 */
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
];
