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

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('devices').where('id', '=', id).execute();
  }
}
