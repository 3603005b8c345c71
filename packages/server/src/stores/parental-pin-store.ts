import type { Selectable, Updateable } from 'kysely';
import type { DbExecutor } from '../db/database.js';
import type { ParentalPinTable } from '../db/schema.js';

export type PinRow = Selectable<ParentalPinTable>;

export class ParentalPinStore {
  constructor(private readonly db: DbExecutor) {}

  async get(childId: string): Promise<PinRow | undefined> {
    return this.db
      .selectFrom('parental_pins')
      .selectAll()
      .where('child_id', '=', childId)
      .executeTakeFirst();
  }

  /** Setting a PIN also clears every lockout: only a guardian's own session can do it. */
  async set(childId: string, pinHash: string, now: number): Promise<void> {
    const fresh = {
      pin_hash: pinHash,
      failed_streak: 0,
      failed_total: 0,
      locked_until: null,
      reverify_required: 0,
      updated_at: now,
    };
    await this.db
      .insertInto('parental_pins')
      .values({ child_id: childId, ...fresh })
      .onConflict((oc) => oc.column('child_id').doUpdateSet(fresh))
      .execute();
  }

  async update(childId: string, patch: Updateable<ParentalPinTable>): Promise<void> {
    await this.db.updateTable('parental_pins').set(patch).where('child_id', '=', childId).execute();
  }
}
