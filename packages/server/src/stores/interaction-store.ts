import type { DbExecutor } from '../db/database.js';

export interface InteractionSummary {
  messagesSent: number;
  messagesReceived: number;
  callsMade: number;
  callsReceived: number;
  lastAt: number | null;
}

/** Reads interaction counts (P7) in both directions for one account. */
export class InteractionStore {
  constructor(private readonly db: DbExecutor) {}

  async between(accountId: string) {
    const rows = await this.db
      .selectFrom('interaction_counts')
      .selectAll()
      .where((eb) => eb.or([eb('account_id', '=', accountId), eb('peer_id', '=', accountId)]))
      .execute();
    return {
      summary(peerId: string): InteractionSummary {
        const s: InteractionSummary = {
          messagesSent: 0,
          messagesReceived: 0,
          callsMade: 0,
          callsReceived: 0,
          lastAt: null,
        };
        for (const r of rows) {
          const outgoing = r.account_id === accountId && r.peer_id === peerId;
          const incoming = r.peer_id === accountId && r.account_id === peerId;
          if (!outgoing && !incoming) continue;
          if (r.feature === 'message') s[outgoing ? 'messagesSent' : 'messagesReceived'] += r.count;
          else s[outgoing ? 'callsMade' : 'callsReceived'] += r.count;
          s.lastAt = Math.max(s.lastAt ?? 0, r.last_at);
        }
        return s;
      },
    };
  }
}
