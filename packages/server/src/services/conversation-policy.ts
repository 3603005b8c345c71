import type { Database } from '../db/database.js';
import { PgRouteStore } from '../stores/pg-route-store.js';
import type { AccountPair, RouteStore } from '../stores/route-store.js';
import { SqliteRouteStore } from '../stores/sqlite-route-store.js';

export interface RouteRecipient {
  accountId: string;
  deviceIds: string[];
}

export interface Route {
  recipients: RouteRecipient[];
}

export interface RouteKey {
  conversationId: string;
  senderAccountId: string;
}

/**
 * Keeps a round's statements small (PgRouteStore binds every pair: 100 senders in groups of 50
 * make 4,900 pairs each way, 19,600 values, under PostgreSQL's 65,535), and lets the relay's
 * own statements in between rounds.
 */
const KEYS_PER_ROUND = 100;
const unique = (xs: readonly string[]) => [...new Set(xs)];
const pairKey = (a: string, b: string) => `${a}|${b}`;

function groupBy<T, V>(rows: readonly T[], key: (row: T) => string, value: (row: T) => V) {
  const groups = new Map<string, V[]>();
  for (const row of rows) {
    const k = key(row);
    let list = groups.get(k);
    if (!list) groups.set(k, (list = []));
    list.push(value(row));
  }
  return groups;
}

interface MemberPairRow {
  account_id: string;
  kind: 'adult' | 'child';
  status: 'active' | 'banned';
  /** Contact row member → sender, sender → member, and a block either way (0/1 or boolean). */
  from_member: unknown;
  to_member: unknown;
  blocked: unknown;
}

/**
 * Who may receive what a member sends to a conversation, read from the live tables on every
 * call (the relay caches and invalidates). Membership is kept pair-safe by ConversationService;
 * this is the second line: a pair that includes a child must be approved both ways, and a
 * block either way silences the pair, whatever the membership says.
 */
export class ConversationPolicy {
  private readonly rows: RouteStore;

  constructor(private readonly db: Database) {
    this.rows = db.dialect === 'sqlite' ? new SqliteRouteStore(db) : new PgRouteStore(db);
  }

  /**
   * Null when the conversation does not exist or the sender is not an active member. The
   * sender's own account is listed with all its devices, the sending one included: the relay
   * knows which device sent and skips it.
   */
  async route(conversationId: string, senderAccountId: string): Promise<Route | null> {
    const [route] = await this.routes([{ conversationId, senderAccountId }]);
    return route ?? null;
  }

  /**
   * Many routes at once: when a node starts, or its cache was dropped, a thousand senders'
   * first messages arrive together, and the relay waits for all of them (see RouteStore).
   */
  async routes(keys: readonly RouteKey[]): Promise<(Route | null)[]> {
    const out: (Route | null)[] = [];
    for (let i = 0; i < keys.length; i += KEYS_PER_ROUND) {
      out.push(...(await this.routeRound(keys.slice(i, i + KEYS_PER_ROUND))));
    }
    return out;
  }

  private async routeRound(keys: readonly RouteKey[]): Promise<(Route | null)[]> {
    const byConversation = groupBy(
      await this.rows.members(unique(keys.map((k) => k.conversationId))),
      (m) => m.conversation_id,
      (m) => m,
    );
    // Only the pairs a rule will ask about: each sender with each other member, both ways.
    const pairs = new Map<string, AccountPair>();
    for (const k of keys)
      for (const m of byConversation.get(k.conversationId) ?? [])
        if (m.account_id !== k.senderAccountId) {
          pairs.set(pairKey(k.senderAccountId, m.account_id), [k.senderAccountId, m.account_id]);
          pairs.set(pairKey(m.account_id, k.senderAccountId), [m.account_id, k.senderAccountId]);
        }
    const links = await this.rows.links([...pairs.values()]);
    const contact = new Set(links.contacts.map(([a, b]) => pairKey(a, b)));
    const block = new Set(links.blocks.map(([a, b]) => pairKey(a, b)));
    const allowed = keys.map((k) => {
      const rows = byConversation.get(k.conversationId) ?? [];
      const sender = rows.find((r) => r.account_id === k.senderAccountId);
      if (!sender || sender.status !== 'active') return null;
      const s = k.senderAccountId;
      return rows
        .filter(
          (r) =>
            r.account_id === s ||
            pairAllowed(sender, {
              kind: r.kind,
              status: r.status,
              from_member: contact.has(pairKey(r.account_id, s)),
              to_member: contact.has(pairKey(s, r.account_id)),
              blocked: block.has(pairKey(s, r.account_id)) || block.has(pairKey(r.account_id, s)),
            }),
        )
        .map((r) => r.account_id);
    });
    const devicesOf = groupBy(
      await this.rows.devices(unique(allowed.flatMap((a) => a ?? []))),
      (d) => d.account_id,
      (d) => d.id,
    );
    return allowed.map((ids) =>
      ids === null
        ? null
        : {
            recipients: ids.map((accountId) => ({
              accountId,
              deviceIds: devicesOf.get(accountId) ?? [],
            })),
          },
    );
  }

  async canPost(conversationId: string, accountId: string): Promise<boolean> {
    const row = await this.db.db
      .selectFrom('conversation_members as cm')
      .innerJoin('accounts as a', 'a.id', 'cm.account_id')
      .select('a.status')
      .where('cm.conversation_id', '=', conversationId)
      .where('cm.account_id', '=', accountId)
      .executeTakeFirst();
    return row?.status === 'active';
  }
}

/** The pair rule, shared with ConversationService so membership and delivery agree. */
export function pairAllowed(
  sender: { kind: 'adult' | 'child' },
  other: Pick<MemberPairRow, 'kind' | 'status' | 'from_member' | 'to_member' | 'blocked'>,
): boolean {
  if (other.status !== 'active' || truthy(other.blocked)) return false;
  if (sender.kind === 'adult' && other.kind === 'adult') return true;
  return truthy(other.from_member) && truthy(other.to_member);
}

// SQLite answers EXISTS with 0/1, PostgreSQL with a boolean.
const truthy = (v: unknown): boolean => v === true || v === 1 || v === '1' || v === 't';
