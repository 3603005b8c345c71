import type { Insertable, Selectable } from 'kysely';
import type { DbExecutor } from '../db/database.js';
import type { ConsentTable } from '../db/schema.js';

export type ConsentRow = Selectable<ConsentTable>;

export class ConsentStore {
  constructor(private readonly db: DbExecutor) {}

  async insert(row: Insertable<ConsentTable>): Promise<void> {
    await this.db.insertInto('consents').values(row).execute();
  }

  async byId(id: string): Promise<ConsentRow | undefined> {
    return this.db.selectFrom('consents').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Marks an account-creation consent as spent; false if someone else spent it first. */
  async markUsed(id: string, childId: string, now: number): Promise<boolean> {
    const res = await this.db
      .updateTable('consents')
      .set({ used_at: now, child_id: childId })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async listForGuardian(guardianId: string): Promise<ConsentRow[]> {
    return this.db
      .selectFrom('consents')
      .selectAll()
      .where('guardian_id', '=', guardianId)
      .orderBy('created_at', 'desc')
      .execute();
  }
}
