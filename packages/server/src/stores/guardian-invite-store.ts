import type { Insertable, Selectable } from 'kysely';
import type { DbExecutor } from '../db/database.js';
import type { GuardianInviteTable } from '../db/schema.js';

export class GuardianInviteStore {
  constructor(private readonly db: DbExecutor) {}

  async insert(row: Insertable<GuardianInviteTable>): Promise<void> {
    await this.db.insertInto('guardian_invites').values(row).execute();
  }

  async byId(id: string): Promise<Selectable<GuardianInviteTable> | undefined> {
    return this.db
      .selectFrom('guardian_invites')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
  }

  async openForPhone(phone: string, now: number) {
    return this.db
      .selectFrom('guardian_invites')
      .innerJoin('accounts as child', 'child.id', 'guardian_invites.child_id')
      .innerJoin('accounts as inviter', 'inviter.id', 'guardian_invites.inviter_id')
      .select([
        'guardian_invites.id as id',
        'guardian_invites.child_id as childId',
        'child.display_name as childDisplayName',
        'inviter.display_name as inviterDisplayName',
        'guardian_invites.expires_at as expiresAt',
      ])
      .where('guardian_invites.phone_e164', '=', phone)
      .where('guardian_invites.accepted_at', 'is', null)
      .where('guardian_invites.expires_at', '>', now)
      .orderBy('guardian_invites.created_at')
      .execute();
  }

  async accept(id: string, now: number): Promise<boolean> {
    const res = await this.db
      .updateTable('guardian_invites')
      .set({ accepted_at: now })
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  /** Only an invitation still open (not accepted) goes; false if it was accepted meanwhile. */
  async deleteOpen(id: string): Promise<boolean> {
    const res = await this.db
      .deleteFrom('guardian_invites')
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numDeletedRows) === 1;
  }
}
