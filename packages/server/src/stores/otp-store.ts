import type { Insertable, Selectable } from 'kysely';
import type { DbExecutor } from '../db/database.js';
import type { OtpChallengeTable } from '../db/schema.js';

export type OtpRow = Selectable<OtpChallengeTable>;

export class OtpStore {
  constructor(private readonly db: DbExecutor) {}

  /** A new code replaces any earlier one for the same number and purpose. */
  async replace(row: Insertable<OtpChallengeTable>): Promise<void> {
    await this.db
      .deleteFrom('otp_challenges')
      .where('phone_e164', '=', row.phone_e164)
      .where('purpose', '=', row.purpose)
      .execute();
    await this.db.insertInto('otp_challenges').values(row).execute();
  }

  async latest(phone: string, purpose: string): Promise<OtpRow | undefined> {
    return this.db
      .selectFrom('otp_challenges')
      .selectAll()
      .where('phone_e164', '=', phone)
      .where('purpose', '=', purpose)
      .where('consumed_at', 'is', null)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
  }

  async countAttempt(id: string): Promise<void> {
    await this.db
      .updateTable('otp_challenges')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .execute();
  }

  async consume(id: string, now: number): Promise<boolean> {
    const res = await this.db
      .updateTable('otp_challenges')
      .set({ consumed_at: now })
      .where('id', '=', id)
      .where('consumed_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }
}
