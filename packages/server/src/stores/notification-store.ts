import type { Insertable, Selectable } from 'kysely';
import type { DbExecutor } from '../db/database.js';
import type { NotificationTable } from '../db/schema.js';

export class NotificationStore {
  constructor(private readonly db: DbExecutor) {}

  async insertMany(rows: Insertable<NotificationTable>[]): Promise<void> {
    if (rows.length) await this.db.insertInto('notifications').values(rows).execute();
  }

  async list(accountId: string, limit: number): Promise<Selectable<NotificationTable>[]> {
    return this.db
      .selectFrom('notifications')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  async markRead(accountId: string, id: string, now: number): Promise<boolean> {
    const res = await this.db
      .updateTable('notifications')
      .set({ read_at: now })
      .where('id', '=', id)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}
