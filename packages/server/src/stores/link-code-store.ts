import type { Insertable, Selectable } from 'kysely';
import type { DbExecutor } from '../db/database.js';
import type { LinkCodeTable } from '../db/schema.js';

export class LinkCodeStore {
  constructor(private readonly db: DbExecutor) {}

  async insert(row: Insertable<LinkCodeTable>): Promise<void> {
    await this.db.insertInto('link_codes').values(row).execute();
  }

  async get(codeHash: string): Promise<Selectable<LinkCodeTable> | undefined> {
    return this.db
      .selectFrom('link_codes')
      .selectAll()
      .where('code_hash', '=', codeHash)
      .executeTakeFirst();
  }

  async spend(codeHash: string, now: number): Promise<boolean> {
    const res = await this.db
      .updateTable('link_codes')
      .set({ used_at: now })
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}
