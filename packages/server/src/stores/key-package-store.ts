import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import type { DbExecutor, Dialect } from '../db/database.js';
import type { KeyPackageTable } from '../db/schema.js';

/** The MLS KeyPackage directory: public packages only, one row per package. */
export class KeyPackageStore {
  constructor(
    private readonly db: DbExecutor,
    private readonly dialect: Dialect,
  ) {}

  /** Re-uploading a package already held (same id, its MLS ref) is a no-op. */
  async insert(rows: Insertable<KeyPackageTable>[]): Promise<void> {
    if (rows.length === 0) return;
    await this.db
      .insertInto('key_packages')
      .values(rows)
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  async replaceLastResort(row: Insertable<KeyPackageTable>): Promise<void> {
    await this.db
      .deleteFrom('key_packages')
      .where('device_id', '=', row.device_id)
      .where('last_resort', '=', 1)
      .execute();
    await this.insert([row]);
  }

  async countSingleUse(deviceId: string, now: number): Promise<number> {
    const row = await this.db
      .selectFrom('key_packages')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('device_id', '=', deviceId)
      .where('last_resort', '=', 0)
      .where('expires_at', '>', now)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Hands out one unexpired single-use package and deletes it in the same statement, so two
   * claimers can never both get it: whoever's DELETE removes the row owns it.
   */
  async takeSingleUse(deviceId: string, now: number): Promise<string | undefined> {
    // One statement picks and deletes. On PostgreSQL, SKIP LOCKED lets a concurrent claimer
    // take the next package instead of finding the first one gone and coming back empty
    // (which would hand out the last-resort package while single-use ones remain). SQLite has
    // one writer, so the statement is atomic as it is.
    const skipLocked = this.dialect === 'pg' ? sql` for update skip locked` : sql``;
    const { rows } = await sql<{ data: string }>`delete from key_packages where id = (
        select id from key_packages
        where device_id = ${deviceId} and last_resort = 0 and expires_at > ${now}
        order by created_at, id limit 1${skipLocked}
      ) returning data`.execute(this.db);
    return rows[0]?.data;
  }

  /** Reused until replaced; never handed out once expired. */
  async lastResort(deviceId: string, now: number): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('key_packages')
      .select('data')
      .where('device_id', '=', deviceId)
      .where('last_resort', '=', 1)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row?.data;
  }
}
