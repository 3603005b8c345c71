import type { Database } from '../db/database.js';

export interface RouteRecipient {
  accountId: string;
  deviceIds: string[];
}

export interface Route {
  recipients: RouteRecipient[];
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
  constructor(private readonly db: Database) {}

  /**
   * Null when the conversation does not exist or the sender is not an active member. The
   * sender's own account is listed with all its devices, the sending one included: the relay
   * knows which device sent and skips it.
   */
  async route(conversationId: string, senderAccountId: string): Promise<Route | null> {
    const rows = await this.memberPairs(conversationId, senderAccountId);
    const sender = rows.find((r) => r.account_id === senderAccountId);
    if (!sender || sender.status !== 'active') return null;
    const allowed = rows.filter((r) => r.account_id === senderAccountId || pairAllowed(sender, r));
    if (allowed.length === 0) return { recipients: [] };
    const devices = await this.db.db
      .selectFrom('devices')
      .select(['id', 'account_id'])
      .where(
        'account_id',
        'in',
        allowed.map((r) => r.account_id),
      )
      .orderBy('id')
      .execute();
    const byAccount = new Map<string, string[]>(allowed.map((r) => [r.account_id, []]));
    for (const d of devices) byAccount.get(d.account_id)?.push(d.id);
    return {
      recipients: [...byAccount].map(([accountId, deviceIds]) => ({ accountId, deviceIds })),
    };
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

  private memberPairs(conversationId: string, sender: string): Promise<MemberPairRow[]> {
    return this.db.db
      .selectFrom('conversation_members as cm')
      .innerJoin('accounts as a', 'a.id', 'cm.account_id')
      .select((eb) => [
        'cm.account_id',
        'a.kind',
        'a.status',
        eb
          .exists(
            eb
              .selectFrom('contacts as c')
              .select('c.owner_id')
              .whereRef('c.owner_id', '=', 'cm.account_id')
              .where('c.contact_id', '=', sender),
          )
          .as('from_member'),
        eb
          .exists(
            eb
              .selectFrom('contacts as c')
              .select('c.owner_id')
              .where('c.owner_id', '=', sender)
              .whereRef('c.contact_id', '=', 'cm.account_id'),
          )
          .as('to_member'),
        eb
          .exists(
            eb
              .selectFrom('blocks as b')
              .select('b.blocker_id')
              .where((w) =>
                w.or([
                  w.and([
                    w('b.blocker_id', '=', sender),
                    w('b.blocked_id', '=', w.ref('cm.account_id')),
                  ]),
                  w.and([
                    w('b.blocked_id', '=', sender),
                    w('b.blocker_id', '=', w.ref('cm.account_id')),
                  ]),
                ]),
              ),
          )
          .as('blocked'),
      ])
      .where('cm.conversation_id', '=', conversationId)
      .execute() as Promise<MemberPairRow[]>;
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
