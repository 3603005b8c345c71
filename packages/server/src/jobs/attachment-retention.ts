import type { ExpressionBuilder } from 'kysely';
import type { DbExecutor } from '../db/database.js';
import type { DatabaseSchema as Schema } from '../db/schema.js';
import { CLAIMED, RESERVED } from '../stores/attachment-store.js';
import type { DeleteFiles, RetentionRule } from './retention-rules.js';

const BATCH = 500;

type BlobCondition = (
  eb: ExpressionBuilder<Schema, 'blobs'>,
) => ReturnType<ExpressionBuilder<Schema, 'blobs'>['and']>;

/** Rows first, then their files: a crash in between leaves only files, which the sweep removes. */
async function purgeAttachments(
  db: DbExecutor,
  deleteFiles: DeleteFiles,
  condition: BlobCondition,
): Promise<number> {
  let total = 0;
  for (;;) {
    const ids = (
      await db
        .selectFrom('blobs')
        .select('id')
        .where('kind', '=', 'attachment')
        .where(condition)
        .limit(BATCH)
        .execute()
    ).map((r) => r.id);
    if (ids.length === 0) return total;
    const r = await db
      .deleteFrom('blobs')
      .where('kind', '=', 'attachment')
      .where('id', 'in', ids)
      .executeTakeFirst();
    total += Number(r.numDeletedRows);
    await deleteFiles(ids);
    if (ids.length < BATCH) return total;
  }
}

export const ATTACHMENT_RULES: RetentionRule[] = [
  {
    // P4 for uploads; a reservation never used expires on its own, shorter deadline.
    name: 'blobs.attachments_expired',
    purge: (db, now, policy, deleteFiles) =>
      purgeAttachments(db, deleteFiles, (eb) =>
        eb.or([eb('expires_at', '<=', now), eb('created_at', '<=', now - policy.undeliveredMs)]),
      ),
  },
  {
    // P3 when the last recipient that had not fetched left the conversation or lost its
    // device (its fetch row went with it): nobody is left to deliver to.
    name: 'blobs.attachments_fetched',
    purge: (db, _now, _policy, deleteFiles) =>
      purgeAttachments(db, deleteFiles, (eb) =>
        eb.and([
          eb('sha256', 'not in', [RESERVED, CLAIMED]),
          eb.not(
            eb.exists(
              eb
                .selectFrom('attachment_fetches as f')
                .innerJoin('devices as d', 'd.id', 'f.device_id')
                .innerJoin('conversation_members as m', 'm.account_id', 'd.account_id')
                .select('f.blob_id')
                .whereRef('f.blob_id', '=', 'blobs.id')
                .whereRef('m.conversation_id', '=', 'blobs.conversation_id'),
            ),
          ),
        ]),
      ),
  },
];
