import type { Insertable, Selectable } from 'kysely';
import type { DbExecutor } from '../db/database.js';
import type { BlobTable } from '../db/schema.js';

/** Metadata for blobs whose bytes live in a BlobStore. */
export class BlobRecordStore {
  constructor(private readonly db: DbExecutor) {}

  async insert(row: Insertable<BlobTable>): Promise<void> {
    await this.db.insertInto('blobs').values(row).execute();
  }

  async byId(id: string): Promise<Selectable<BlobTable> | undefined> {
    return this.db.selectFrom('blobs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('blobs').where('id', '=', id).execute();
  }
}
