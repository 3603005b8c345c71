import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { AccountPair, RouteMemberRow, RouteStore } from './route-store.js';

/** A statement per question, whatever the number of routes (see RouteStore). */
export class PgRouteStore implements RouteStore {
  constructor(private readonly database: Database) {}

  members(conversationIds: readonly string[]): Promise<RouteMemberRow[]> {
    return this.database.db
      .selectFrom('conversation_members as cm')
      .innerJoin('accounts as a', 'a.id', 'cm.account_id')
      .select(['cm.conversation_id', 'cm.account_id', 'a.kind', 'a.status'])
      .where('cm.conversation_id', 'in', conversationIds)
      .execute();
  }

  async links(pairs: readonly AccountPair[]) {
    // PostgreSQL refuses an empty IN list; with no pairs there is nothing to look up.
    if (pairs.length === 0) return { contacts: [], blocks: [] };
    const [contacts, blocks] = await Promise.all([
      this.among('contacts', 'owner_id', 'contact_id', pairs),
      this.among('blocks', 'blocker_id', 'blocked_id', pairs),
    ]);
    return { contacts, blocks };
  }

  async devices(accountIds: readonly string[]) {
    if (accountIds.length === 0) return [];
    return this.database.db
      .selectFrom('devices')
      .select(['id', 'account_id'])
      .where('account_id', 'in', accountIds)
      .orderBy('id')
      .execute();
  }

  /**
   * A primary-key probe per pair. The earlier form, (from IN senders AND to IN members) OR the
   * reverse, probed every sender against every member.
   */
  private async among(
    table: 'contacts' | 'blocks',
    from: 'owner_id' | 'blocker_id',
    to: 'contact_id' | 'blocked_id',
    pairs: readonly AccountPair[],
  ): Promise<AccountPair[]> {
    const values = sql.join(pairs.map(([a, b]) => sql`(${a}, ${b})`));
    const { rows } = await sql<{ a: string; b: string }>`select ${sql.ref(from)} as a,
        ${sql.ref(to)} as b
      from ${sql.table(table)}
      where (${sql.ref(from)}, ${sql.ref(to)}) in (values ${values})`.execute(this.database.db);
    return rows.map((r) => [r.a, r.b] as const);
  }
}
