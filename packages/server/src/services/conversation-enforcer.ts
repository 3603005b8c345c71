import type { Database } from '../db/database.js';
import { ConversationStore } from '../stores/conversation-store.js';
import type { ContactListener } from './contact-events.js';
import type { ConversationService } from './conversation-service.js';
import type { PlannedProposals } from './server-removals.js';
import type { ServerRemovals } from './server-removals.js';

/**
 * Enforces a severed pair (contact removed, approval revoked, block) in every conversation the
 * two share, at once:
 * - a pair that includes a child: in a group the child leaves the server membership (if both
 *   are children, the one who joined later) and the server proposes its MLS removal to the
 *   members who stay; a direct conversation ends (row and undelivered entries deleted).
 * - two adults: only a block matters; a direct conversation ends, a group keeps both (the
 *   relay's ConversationPolicy silences the pair), since adults may share groups freely.
 * The event is taken as authoritative for pairs with a child, so enforcement never depends on
 * whether the contacts rows were already gone when it fired.
 */
export class ConversationEnforcer implements ContactListener {
  constructor(
    private readonly db: Database,
    private readonly conversations: ConversationService,
    private readonly removals: ServerRemovals,
  ) {}

  async severed(a: string, b: string): Promise<void> {
    const planned = await this.db.transaction(async (tx) => {
      const kinds = await tx
        .selectFrom('accounts')
        .select(['id', 'kind'])
        .where('id', 'in', [a, b])
        .execute();
      const kindOf = (id: string) => kinds.find((k) => k.id === id)?.kind;
      const withChild = kindOf(a) === 'child' || kindOf(b) === 'child';
      const blocked = await tx
        .selectFrom('blocks')
        .select('blocker_id')
        .where((eb) =>
          eb.or([
            eb.and([eb('blocker_id', '=', a), eb('blocked_id', '=', b)]),
            eb.and([eb('blocker_id', '=', b), eb('blocked_id', '=', a)]),
          ]),
        )
        .executeTakeFirst();
      if (!withChild && !blocked) return [];
      const store = new ConversationStore(tx);
      const out: PlannedProposals[] = [];
      for (const shared of await store.shared(a, b)) {
        const conv = await store.lock(shared.id, this.db.dialect === 'pg');
        if (!conv) continue;
        if (conv.kind === 'direct') {
          out.push(await this.conversations.removeLocked(tx, conv, a));
          continue;
        }
        if (!withChild) continue;
        const members = await store.members([conv.id]);
        const ma = members.find((m) => m.account_id === a);
        const mb = members.find((m) => m.account_id === b);
        if (!ma || !mb) continue;
        let leaving = ma.kind === 'child' ? ma : mb;
        if (ma.kind === 'child' && mb.kind === 'child' && ma.joined_at < mb.joined_at) leaving = mb;
        out.push(await this.conversations.removeLocked(tx, conv, leaving.account_id));
      }
      return out;
    });
    for (const p of planned) await this.removals.send(p);
  }
}
