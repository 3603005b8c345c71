import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbExecutor } from '../db/database.js';
import type { AccountTable } from '../db/schema.js';
import { reusableQuery } from '../db/reusable-query.js';

export type AccountRow = Selectable<AccountTable>;

const byId = reusableQuery((db, id: string) =>
  db.selectFrom('accounts').selectAll().where('id', '=', id),
);

export class AccountStore {
  constructor(private readonly db: DbExecutor) {}

  async insert(row: Insertable<AccountTable>): Promise<void> {
    await this.db.insertInto('accounts').values(row).execute();
  }

  async byId(id: string): Promise<AccountRow | undefined> {
    return (await byId(this.db, id))[0];
  }

  async byIds(ids: readonly string[]): Promise<AccountRow[]> {
    if (ids.length === 0) return [];
    return this.db.selectFrom('accounts').selectAll().where('id', 'in', ids).execute();
  }

  async byPhone(phone: string): Promise<AccountRow | undefined> {
    return this.db
      .selectFrom('accounts')
      .selectAll()
      .where('phone_e164', '=', phone)
      .executeTakeFirst();
  }

  async byPublicId(publicId: string): Promise<AccountRow | undefined> {
    return this.db
      .selectFrom('accounts')
      .selectAll()
      .where('public_id', '=', publicId)
      .executeTakeFirst();
  }

  async publicIdTaken(publicId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('accounts')
      .select('id')
      .where('public_id', '=', publicId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async update(id: string, patch: Updateable<AccountTable>): Promise<void> {
    await this.db.updateTable('accounts').set(patch).where('id', '=', id).execute();
  }
}
