import type SqliteDriver from 'better-sqlite3';
import type { Database } from '../db/database.js';
import type { AccountPair, RouteMemberRow, RouteStore } from './route-store.js';

type Statements = ReturnType<typeof prepare>;

function prepare(db: SqliteDriver.Database) {
  return {
    members: db.prepare<[string], RouteMemberRow>(
      `select cm.conversation_id, cm.account_id, a.kind, a.status
       from conversation_members cm join accounts a on a.id = cm.account_id
       where cm.conversation_id = ?`,
    ),
    contact: db
      .prepare<[string, string], number>(
        'select 1 from contacts where owner_id = ? and contact_id = ?',
      )
      .pluck(),
    block: db
      .prepare<[string, string], number>(
        'select 1 from blocks where blocker_id = ? and blocked_id = ?',
      )
      .pluck(),
    devices: db.prepare<[string], { id: string; account_id: string }>(
      'select id, account_id from devices where account_id = ? order by id',
    ),
  };
}

/** Statements prepared once, one index probe per question (see RouteStore). */
export class SqliteRouteStore implements RouteStore {
  private stmts: Statements | undefined;

  constructor(private readonly database: Database) {}

  members(conversationIds: readonly string[]): Promise<RouteMemberRow[]> {
    return this.run((s) => conversationIds.flatMap((id) => s.members.all(id)));
  }

  links(pairs: readonly AccountPair[]) {
    return this.run((s) => ({
      contacts: pairs.filter(([a, b]) => s.contact.get(a, b) !== undefined),
      blocks: pairs.filter(([a, b]) => s.block.get(a, b) !== undefined),
    }));
  }

  devices(accountIds: readonly string[]) {
    return this.run((s) => accountIds.flatMap((id) => s.devices.all(id)));
  }

  /**
   * All of a call's probes in one read transaction. On its own, each statement opens and
   * closes a WAL read transaction, with its locks on the shared-memory index: about 8 µs, where
   * the probe itself costs 1. A route is about six probes, and every sender's first message
   * after a start or a policy change waits for its route.
   */
  private run<T>(fn: (s: Statements) => T): Promise<T> {
    return this.database.withSqlite((db) => {
      const s = (this.stmts ??= prepare(db));
      return db.transaction(() => fn(s))();
    });
  }
}
