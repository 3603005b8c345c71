import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbExecutor } from '../db/database.js';
import type { FriendRequestTable } from '../db/schema.js';

export type FriendRequestRow = Selectable<FriendRequestTable>;

export class FriendRequestStore {
  constructor(private readonly db: DbExecutor) {}

  async insert(row: Insertable<FriendRequestTable>): Promise<void> {
    await this.db.insertInto('friend_requests').values(row).execute();
  }

  async byId(id: string): Promise<FriendRequestRow | undefined> {
    return this.db
      .selectFrom('friend_requests')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** A pending request from `fromId` to `toId`, if one is open. */
  async pendingBetween(fromId: string, toId: string): Promise<FriendRequestRow | undefined> {
    return this.db
      .selectFrom('friend_requests')
      .selectAll()
      .where('from_id', '=', fromId)
      .where('to_id', '=', toId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
  }

  async involving(accountId: string): Promise<FriendRequestRow[]> {
    return this.db
      .selectFrom('friend_requests')
      .selectAll()
      .where((eb) => eb.or([eb('from_id', '=', accountId), eb('to_id', '=', accountId)]))
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
  }

  /** Updates only while still pending, so two deciders racing cannot both win. */
  async updatePending(id: string, patch: Updateable<FriendRequestTable>): Promise<boolean> {
    const res = await this.db
      .updateTable('friend_requests')
      .set(patch)
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async cancelPendingFrom(fromId: string, toId: string, now: number): Promise<void> {
    await this.db
      .updateTable('friend_requests')
      .set({ status: 'cancelled', decided_at: now })
      .where('from_id', '=', fromId)
      .where('to_id', '=', toId)
      .where('status', '=', 'pending')
      .execute();
  }
}
