import { sql } from 'kysely';
import type { Database } from '../db/database.js';

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

interface MemberRow {
  conversation_id: string;
  account_id: string;
  kind: 'adult' | 'child';
  status: 'active' | 'banned';
}

/** Keeps every IN list of a round well under SQLite's 32,766 bound values (50 members each). */
const KEYS_PER_ROUND = 100;
const unique = (xs: readonly string[]) => [...new Set(xs)];

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
  constructor(private readonly db: Database) {}

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
   * Many routes in a few statements: when a node starts, or its cache was dropped, a thousand
   * senders' first messages arrive at once, and one query per route would stall every one.
   */
  async routes(keys: readonly RouteKey[]): Promise<(Route | null)[]> {
    const out: (Route | null)[] = [];
    for (let i = 0; i < keys.length; i += KEYS_PER_ROUND) {
      out.push(...(await this.routeRound(keys.slice(i, i + KEYS_PER_ROUND))));
    }
    return out;
  }

  private async routeRound(keys: readonly RouteKey[]): Promise<(Route | null)[]> {
    const members = await this.db.db
      .selectFrom('conversation_members as cm')
      .innerJoin('accounts as a', 'a.id', 'cm.account_id')
      .select(['cm.conversation_id', 'cm.account_id', 'a.kind', 'a.status'])
      .where('cm.conversation_id', 'in', unique(keys.map((k) => k.conversationId)))
      .execute();
    const byConversation = new Map<string, MemberRow[]>();
    for (const m of members) {
      let list = byConversation.get(m.conversation_id);
      if (!list) byConversation.set(m.conversation_id, (list = []));
      list.push(m);
    }
    const senders = unique(keys.map((k) => k.senderAccountId));
    const others = unique(members.map((m) => m.account_id));
    const links = await this.linksBetween(senders, others);
    const allowed = keys.map((k) => {
      const rows = byConversation.get(k.conversationId) ?? [];
      const sender = rows.find((r) => r.account_id === k.senderAccountId);
      if (!sender || sender.status !== 'active') return null;
      return rows
        .filter(
          (r) =>
            r.account_id === k.senderAccountId ||
            pairAllowed(sender, links.pairView(k.senderAccountId, r)),
        )
        .map((r) => r.account_id);
    });
    const accounts = unique(allowed.flatMap((a) => a ?? []));
    const devices =
      accounts.length === 0
        ? []
        : await this.db.db
            .selectFrom('devices')
            .select(['id', 'account_id'])
            .where('account_id', 'in', accounts)
            .orderBy('id')
            .execute();
    const devicesOf = new Map<string, string[]>();
    for (const d of devices) {
      let list = devicesOf.get(d.account_id);
      if (!list) devicesOf.set(d.account_id, (list = []));
      list.push(d.id);
    }
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

  /** Contact rows and blocks between any sender and any member, in either direction. */
  private async linksBetween(senders: string[], members: string[]) {
    // PostgreSQL refuses an empty IN list; with no members there is nothing to look up.
    const [contacts, blocks] =
      members.length === 0
        ? [[], []]
        : await Promise.all([
            this.pairsBetween('contacts', 'owner_id', 'contact_id', senders, members),
            this.pairsBetween('blocks', 'blocker_id', 'blocked_id', senders, members),
          ]);
    const contact = new Set(contacts.map((r) => `${r.a}|${r.b}`));
    const block = new Set(blocks.map((r) => `${r.a}|${r.b}`));
    return {
      pairView(sender: string, m: MemberRow) {
        return {
          kind: m.kind,
          status: m.status,
          from_member: contact.has(`${m.account_id}|${sender}`),
          to_member: contact.has(`${sender}|${m.account_id}`),
          blocked: block.has(`${sender}|${m.account_id}`) || block.has(`${m.account_id}|${sender}`),
        };
      },
    };
  }

  private pairsBetween<T extends 'contacts' | 'blocks'>(
    table: T,
    from: 'owner_id' | 'blocker_id',
    to: 'contact_id' | 'blocked_id',
    senders: string[],
    members: string[],
  ): Promise<{ a: string; b: string }[]> {
    return sql<{ a: string; b: string }>`select ${sql.ref(from)} as a, ${sql.ref(to)} as b
      from ${sql.table(table)}
      where (${sql.ref(from)} in (${sql.join(senders)}) and ${sql.ref(to)} in (${sql.join(members)}))
         or (${sql.ref(from)} in (${sql.join(members)}) and ${sql.ref(to)} in (${sql.join(senders)}))`
      .execute(this.db.db)
      .then((r) => r.rows);
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
