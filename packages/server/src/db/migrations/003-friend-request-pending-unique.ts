import type { Kysely } from 'kysely';
import { sql } from 'kysely';

// The pair in a fixed order, so A → B and B → A are the same key.
const LOW = sql`case when from_id < to_id then from_id else to_id end`;
const HIGH = sql`case when from_id < to_id then to_id else from_id end`;

/**
 * At most one pending friend request per pair of accounts, in either direction. The service
 * checks first, but two requests racing can both pass the check; here the database refuses the
 * second. Duplicates such a race already left behind are cancelled first (the oldest stays), or
 * the index could not be built.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update friend_requests set status = 'cancelled', decided_at = created_at
    where status = 'pending' and exists (
      select 1 from friend_requests o
      where o.status = 'pending'
        and ((o.from_id = friend_requests.from_id and o.to_id = friend_requests.to_id)
          or (o.from_id = friend_requests.to_id and o.to_id = friend_requests.from_id))
        and (o.created_at < friend_requests.created_at
          or (o.created_at = friend_requests.created_at and o.id < friend_requests.id)))
  `.execute(db);
  await db.schema
    .createIndex('friend_requests_pending_pair_uq')
    .on('friend_requests')
    .unique()
    .expression(sql`(${LOW}), (${HIGH})`)
    .where(sql.ref('status'), '=', 'pending')
    .execute();
}
