import { randomBytes } from 'node:crypto';
import type { ConversationKind, ConversationView } from '@kidtalk/protocol';
import { ErrorCode, MAX_CONVERSATION_MEMBERS } from '@kidtalk/protocol';
import type { Clock } from '../clock.js';
import type { Database, DbExecutor } from '../db/database.js';
import { DomainError, invalid, notFound } from '../errors.js';
import type { ConversationRow, MemberRow } from '../stores/conversation-store.js';
import { ConversationStore } from '../stores/conversation-store.js';
import { GuardianshipStore } from '../stores/guardianship-store.js';
import type { AuthContext } from './auth-context.js';
import type { Party } from './pair-rules.js';
import { PairGraph } from './pair-rules.js';
import type { PlannedProposals, ServerRemovals } from './server-removals.js';

/**
 * Server-side membership of conversations. Every create and add checks issue 4's invariant
 * for every new pair (a pair that includes a child must be approved contacts) inside the
 * transaction that writes the membership; the MLS layer can only follow, because
 * DeliveryService refuses a commit whose GroupInfo names a non-member.
 */
export class ConversationService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly removals: ServerRemovals,
  ) {}

  /** Told after members were removed and it committed: every cached delivery route is dropped. */
  onMembershipChanged: (() => void) | null = null;
  /** Told after a conversation was created or gained members, and it committed. */
  onMembersAdded: ((conversationId: string) => void) | null = null;

  async create(
    auth: AuthContext,
    kind: ConversationKind,
    publicIds: string[],
  ): Promise<{ view: ConversationView; created: boolean }> {
    const result = await this.db.transaction(async (tx) => {
      const others = await this.resolve(tx, auth, publicIds);
      if (kind === 'direct' && others.length !== 1) {
        throw invalid('a direct conversation has exactly one other member');
      }
      checkSize(others.length + 1);
      await this.checkPairs(tx, [self(auth)], others, self(auth));
      const store = new ConversationStore(tx);
      if (kind === 'direct') {
        const existing = (await store.shared(auth.accountId, others[0]!.id)).find(
          (c) => c.kind === 'direct',
        );
        if (existing) return { id: existing.id, created: false };
      }
      const id = randomBytes(16).toString('hex'); // also the MLS group id (16 bytes)
      const now = this.clock.now();
      await store.insert({
        id,
        kind,
        epoch: 0,
        group_info: null,
        created_by: auth.accountId,
        created_at: now,
      });
      await store.addMembers(id, [auth.accountId, ...others.map((o) => o.id)], now);
      return { id, created: true };
    });
    if (result.created) this.onMembersAdded?.(result.id);
    return { view: await this.get(auth, result.id), created: result.created };
  }

  async get(auth: AuthContext, id: string): Promise<ConversationView> {
    const store = new ConversationStore(this.db.db);
    const conv = await store.byId(id);
    if (!conv || !(await store.isMember(id, auth.accountId))) throw notFound('conversation');
    return toView(conv, await store.members([id]));
  }

  async list(auth: AuthContext): Promise<ConversationView[]> {
    const store = new ConversationStore(this.db.db);
    const convs = await store.listFor(auth.accountId);
    const members = await store.members(convs.map((c) => c.id));
    return convs.map((c) =>
      toView(
        c,
        members.filter((m) => m.conversation_id === c.id),
      ),
    );
  }

  async addMembers(auth: AuthContext, id: string, publicIds: string[]): Promise<ConversationView> {
    await this.db.transaction(async (tx) => {
      const store = new ConversationStore(tx);
      const conv = await store.lock(id, this.db.dialect === 'pg');
      const members = conv ? await store.members([id]) : [];
      if (!conv || !members.some((m) => m.account_id === auth.accountId)) {
        throw notFound('conversation');
      }
      if (conv.kind === 'direct')
        throw invalid('a direct conversation cannot grow; create a group');
      const current = new Set(members.map((m) => m.account_id));
      const added = (await this.resolve(tx, auth, publicIds)).filter((o) => !current.has(o.id));
      checkSize(members.length + added.length);
      await this.checkPairs(tx, members.map(party), added, self(auth));
      await store.addMembers(
        id,
        added.map((a) => a.id),
        this.clock.now(),
      );
    });
    this.onMembersAdded?.(id);
    return this.get(auth, id);
  }

  /**
   * Leaving is always allowed; a group's creator may remove anyone; a guardian may remove
   * their child from any conversation, member or not. A direct conversation ends when either
   * side leaves: the row goes, and with it every undelivered entry of it.
   */
  async removeMember(auth: AuthContext, id: string, publicId: string): Promise<void> {
    const planned = await this.db.transaction(async (tx) => {
      const store = new ConversationStore(tx);
      const conv = await store.lock(id, this.db.dialect === 'pg');
      const members = conv ? await store.members([id]) : [];
      const target = members.find((m) => m.public_id === publicId);
      const actorIsMember = members.some((m) => m.account_id === auth.accountId);
      const guardian =
        target?.kind === 'child' &&
        auth.kind === 'adult' &&
        (await new GuardianshipStore(tx).isGuardian(auth.accountId, target.account_id));
      if (!conv || (!actorIsMember && !guardian)) throw notFound('conversation');
      if (!target) throw notFound('member');
      const mayRemove =
        target.account_id === auth.accountId ||
        guardian ||
        (conv.kind === 'group' && conv.created_by === auth.accountId);
      if (!mayRemove) {
        throw new DomainError(ErrorCode.Forbidden, 'only the creator may remove other members');
      }
      return this.removeLocked(tx, conv, target.account_id);
    });
    this.onMembershipChanged?.();
    await this.removals.send(planned);
  }

  /**
   * Removes one account from a conversation whose row the caller holds locked, and plans the
   * server's MLS Remove proposals for the members who stay. Used by leave/remove and by the
   * revocation enforcer.
   */
  async removeLocked(
    tx: DbExecutor,
    conv: ConversationRow,
    accountId: string,
  ): Promise<PlannedProposals> {
    if (conv.kind === 'direct') {
      await new ConversationStore(tx).delete(conv.id);
      return { items: [], deviceIds: [] };
    }
    await new ConversationStore(tx).removeMember(conv.id, accountId);
    return this.removals.plan(tx, conv.id, { accountId });
  }

  /** Unknown public IDs and people the caller may not invite get the same "not found". */
  private async resolve(tx: DbExecutor, auth: AuthContext, publicIds: string[]): Promise<Party[]> {
    const rows = await tx
      .selectFrom('accounts')
      .select(['id', 'kind', 'public_id'])
      .where('public_id', 'in', publicIds)
      .where('status', '=', 'active')
      .execute();
    if (rows.length !== new Set(publicIds).size) throw notFound('account');
    return rows.filter((r) => r.id !== auth.accountId).map((r) => ({ id: r.id, kind: r.kind }));
  }

  private async checkPairs(
    tx: DbExecutor,
    existing: Party[],
    added: Party[],
    actor: Party,
  ): Promise<void> {
    const all = [...existing, ...added];
    const graph = await PairGraph.load(
      tx,
      all.map((p) => p.id),
      this.db.dialect === 'pg',
    );
    for (const a of added) if (!graph.mayInvite(actor, a)) throw notFound('account');
    for (let i = 0; i < added.length; i++) {
      const a = added[i]!;
      for (const b of [...existing, ...added.slice(0, i)]) {
        if (!graph.childSafe(a, b)) {
          throw new DomainError(
            ErrorCode.Forbidden,
            'everyone in a conversation with a child must be an approved contact of that child',
          );
        }
      }
    }
  }
}

const self = (auth: AuthContext): Party => ({ id: auth.accountId, kind: auth.kind });
const party = (m: MemberRow): Party => ({ id: m.account_id, kind: m.kind });

function checkSize(n: number): void {
  if (n > MAX_CONVERSATION_MEMBERS) {
    throw new DomainError(
      ErrorCode.TooManyMembers,
      `a conversation has at most ${MAX_CONVERSATION_MEMBERS} members`,
    );
  }
}

function toView(conv: ConversationRow, members: MemberRow[]): ConversationView {
  return {
    id: conv.id,
    kind: conv.kind,
    epoch: conv.epoch,
    createdBy: conv.created_by,
    createdAt: conv.created_at,
    members: members.map((m) => ({ accountId: m.account_id, publicId: m.public_id, kind: m.kind })),
  };
}
