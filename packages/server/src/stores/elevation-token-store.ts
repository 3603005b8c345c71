import type { Insertable, Selectable } from 'kysely';
import type { DbExecutor } from '../db/database.js';
import type { ElevationTokenTable } from '../db/schema.js';

export class ElevationTokenStore {
  constructor(private readonly db: DbExecutor) {}

  async insert(row: Insertable<ElevationTokenTable>): Promise<void> {
    await this.db.insertInto('elevation_tokens').values(row).execute();
  }

  async get(tokenHash: string): Promise<Selectable<ElevationTokenTable> | undefined> {
    return this.db
      .selectFrom('elevation_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  /** Compare-and-set on used_at, so two concurrent requests cannot both spend one token. */
  async spend(tokenHash: string, now: number): Promise<boolean> {
    const res = await this.db
      .updateTable('elevation_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}
