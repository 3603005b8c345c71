import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbExecutor } from '../db/database.js';
import type { DeviceTable } from '../db/schema.js';

export type DeviceRow = Selectable<DeviceTable>;

export class DeviceStore {
  constructor(private readonly db: DbExecutor) {}

  async insert(row: Insertable<DeviceTable>): Promise<void> {
    await this.db.insertInto('devices').values(row).execute();
  }

  async update(id: string, patch: Updateable<DeviceTable>): Promise<void> {
    await this.db.updateTable('devices').set(patch).where('id', '=', id).execute();
  }

  /** Every signed-in device of these accounts: the recipients of a conversation's traffic. */
  async devicesOf(accountIds: readonly string[]): Promise<{ id: string; account_id: string }[]> {
    if (accountIds.length === 0) return [];
    return this.db
      .selectFrom('devices')
      .select(['id', 'account_id'])
      .where('account_id', 'in', accountIds)
      .execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('devices').where('id', '=', id).execute();
  }
}
