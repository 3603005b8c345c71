import type { Selectable } from 'kysely';
import type { DbExecutor } from '../db/database.js';
import type { BlobTable } from '../db/schema.js';

/**
 * The `blobs` table has no upload-state column, so `sha256` carries it: empty while reserved,
 * CLAIMED while one upload is writing the file, the hex digest once the bytes are stored.
 */
export const RESERVED = '';
export const CLAIMED = 'uploading';
export const isUploaded = (row: Pick<BlobTable, 'sha256'>) =>
  row.sha256 !== RESERVED && row.sha256 !== CLAIMED;

export type AttachmentRow = Selectable<BlobTable>;

/** Attachment blob records (`blobs` of kind 'attachment') and the devices still to fetch them. */
export class AttachmentStore {
  constructor(private readonly db: DbExecutor) {}

  async reserve(row: {
    id: string;
    ownerId: string;
    conversationId: string;
    size: number;
    now: number;
    expiresAt: number;
  }): Promise<void> {
    await this.db
      .insertInto('blobs')
      .values({
        id: row.id,
        owner_id: row.ownerId,
        kind: 'attachment',
        content_type: 'application/octet-stream',
        size_bytes: row.size,
        sha256: RESERVED,
        created_at: row.now,
        expires_at: row.expiresAt,
        conversation_id: row.conversationId,
      })
      .execute();
  }

  async byId(id: string): Promise<AttachmentRow | undefined> {
    return this.db
      .selectFrom('blobs')
      .selectAll()
      .where('id', '=', id)
      .where('kind', '=', 'attachment')
      .executeTakeFirst();
  }

  /** Compare-and-set, so of two concurrent uploads exactly one may write the file. */
  async claim(id: string): Promise<boolean> {
    const r = await this.db
      .updateTable('blobs')
      .set({ sha256: CLAIMED })
      .where('id', '=', id)
      .where('kind', '=', 'attachment')
      .where('sha256', '=', RESERVED)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async release(id: string): Promise<void> {
    await this.db
      .updateTable('blobs')
      .set({ sha256: RESERVED })
      .where('id', '=', id)
      .where('sha256', '=', CLAIMED)
      .execute();
  }

  async markUploaded(id: string, sha256: string, now: number, expiresAt: number): Promise<void> {
    await this.db
      .updateTable('blobs')
      .set({ sha256, created_at: now, expires_at: expiresAt })
      .where('id', '=', id)
      .execute();
  }

  async addFetches(blobId: string, deviceIds: readonly string[]): Promise<void> {
    if (deviceIds.length === 0) return;
    await this.db
      .insertInto('attachment_fetches')
      .values(deviceIds.map((device_id) => ({ blob_id: blobId, device_id })))
      .execute();
  }

  /** A fetch is still owed to this device, and its account is still in the conversation. */
  async owedTo(blob: AttachmentRow, deviceId: string, accountId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('attachment_fetches as f')
      .innerJoin('devices as d', 'd.id', 'f.device_id')
      .innerJoin('conversation_members as m', 'm.account_id', 'd.account_id')
      .select('f.device_id')
      .where('f.blob_id', '=', blob.id)
      .where('f.device_id', '=', deviceId)
      .where('d.account_id', '=', accountId)
      .where('m.conversation_id', '=', blob.conversation_id ?? '')
      .executeTakeFirst();
    return row !== undefined;
  }

  async removeFetch(blobId: string, deviceId: string): Promise<void> {
    await this.db
      .deleteFrom('attachment_fetches')
      .where('blob_id', '=', blobId)
      .where('device_id', '=', deviceId)
      .execute();
  }

  /** Devices of current members still to fetch: those of members who left no longer count. */
  async owedCount(blob: AttachmentRow): Promise<number> {
    const row = await this.db
      .selectFrom('attachment_fetches as f')
      .innerJoin('devices as d', 'd.id', 'f.device_id')
      .innerJoin('conversation_members as m', 'm.account_id', 'd.account_id')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('f.blob_id', '=', blob.id)
      .where('m.conversation_id', '=', blob.conversation_id ?? '')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Its fetch rows go with it (ON DELETE CASCADE). */
  async delete(id: string): Promise<void> {
    await this.db
      .deleteFrom('blobs')
      .where('id', '=', id)
      .where('kind', '=', 'attachment')
      .execute();
  }
}
