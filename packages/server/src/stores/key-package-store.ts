import type { Insertable } from 'kysely';
import type { DbExecutor } from '../db/database.js';
import type { KeyPackageTable } from '../db/schema.js';

// A racing claimer may take the row we picked; a few retries always find another or none.
const TAKE_ATTEMPTS = 8;

/** The MLS KeyPackage directory: public packages only, one row per package. */
export class KeyPackageStore {
  constructor(private readonly db: DbExecutor) {}

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
    for (let i = 0; i < TAKE_ATTEMPTS; i++) {
      const pick = await this.db
        .selectFrom('key_packages')
        .select('id')
        .where('device_id', '=', deviceId)
        .where('last_resort', '=', 0)
        .where('expires_at', '>', now)
        .orderBy('created_at')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      if (!pick) return undefined;
      const taken = await this.db
        .deleteFrom('key_packages')
        .where('id', '=', pick.id)
        .returning('data')
        .executeTakeFirst();
      if (taken) return taken.data;
    }
    return undefined;
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
