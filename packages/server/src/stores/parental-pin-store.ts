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

  /**
   * Reserves one attempt atomically, before the PIN is even checked, so that parallel guesses
   * cannot all slip in ahead of the lock: at most `maxStreak` attempts per lock window and
   * `maxTotal` in all. Returns undefined when the PIN is locked or needs re-verification.
   */
  async reserveAttempt(childId: string, now: number, maxStreak: number, maxTotal: number) {
    await this.db
      .updateTable('parental_pins')
      .set({ failed_streak: 0, locked_until: null })
      .where('child_id', '=', childId)
      .where('locked_until', '<=', now)
      .execute();
    return this.db
      .updateTable('parental_pins')
      .set((eb) => ({
        failed_streak: eb('failed_streak', '+', 1),
        failed_total: eb('failed_total', '+', 1),
        updated_at: now,
      }))
      .where('child_id', '=', childId)
      .where('reverify_required', '=', 0)
      .where('locked_until', 'is', null)
      .where('failed_streak', '<', maxStreak)
      .where('failed_total', '<', maxTotal)
      .returning(['pin_hash', 'failed_streak', 'failed_total'])
      .executeTakeFirst();
  }

  /** A right PIN gives its reserved attempt back and ends the streak. */
  async releaseAttempt(childId: string, now: number): Promise<void> {
    await this.db
      .updateTable('parental_pins')
      .set((eb) => ({
        failed_streak: 0,
        failed_total: eb('failed_total', '-', 1),
        updated_at: now,
      }))
      .where('child_id', '=', childId)
      .execute();
  }

  async update(childId: string, patch: Updateable<ParentalPinTable>): Promise<void> {
    await this.db.updateTable('parental_pins').set(patch).where('child_id', '=', childId).execute();
  }
}
