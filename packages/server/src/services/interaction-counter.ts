import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';

/*
 * Rows per transaction. A flush of every pair at once held the relay's only SQLite connection
 * (and the event loop, building the statement) for 15–35 ms once a second: the worst
 * latencies of a steady 2,000 msg/s. In chunks, with the event loop free between them, each
 * hold is a few milliseconds.
 */
const CHUNK = 100;

type Feature = 'message' | 'call';

/**
 * Interaction metadata for guardians (P7): how often, never what. Counted in memory and
 * written once a second, so counting costs the relay nothing per message.
 */
interface Count {
  account: string;
  peer: string;
  feature: Feature;
  n: number;
  at: number;
}

export class InteractionCounter {
  /** account → peer → feature: nested maps, so counting builds no key string per message. */
  private pending = new Map<string, Map<string, Partial<Record<Feature, Count>>>>();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  count(account: string, peer: string, feature: Feature): void {
    let peers = this.pending.get(account);
    if (!peers) this.pending.set(account, (peers = new Map()));
    let features = peers.get(peer);
    if (!features) peers.set(peer, (features = {}));
    const e = features[feature];
    const at = this.clock.now();
    if (e) {
      e.n++;
      e.at = at;
    } else features[feature] = { account, peer, feature, n: 1, at };
    this.timer ??= setTimeout(() => void this.flush(), 1000);
  }

  /** Resolves once everything counted so far is written, including a flush already running. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = [...this.pending.values()].flatMap((peers) =>
      [...peers.values()].flatMap((f) => Object.values(f).filter((c) => c !== undefined)),
    );
    this.pending = new Map();
    const previous = this.writing;
    this.writing = (async () => {
      await previous;
      for (let i = 0; i < batch.length; i += CHUNK) {
        if (i > 0) await yieldToEventLoop();
        await this.writeChunk(batch.slice(i, i + CHUNK));
      }
    })();
    await this.writing;
  }

  private async writeChunk(chunk: Count[]): Promise<void> {
    try {
      await this.write(chunk);
    } catch (err) {
      if (!isForeignKeyViolation(err)) {
        // Counts are metadata for guardians; losing a second of them must not hurt the relay.
        this.logger.warn({ err }, 'interaction counts not written');
        return;
      }
      // An account deleted within the second: write the others' counts one by one.
      for (const e of chunk) await this.write([e]).catch(() => undefined);
    }
  }

  /** One multi-row upsert, not one statement per pair. */
  private async write(chunk: Count[]) {
    await this.db.db
      .insertInto('interaction_counts')
      .values(
        chunk.map((e) => ({
          account_id: e.account,
          peer_id: e.peer,
          feature: e.feature,
          count: e.n,
          last_at: e.at,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['account_id', 'peer_id', 'feature']).doUpdateSet({
          count: sql`interaction_counts.count + excluded.count`,
          last_at: sql`excluded.last_at`,
        }),
      )
      .execute();
  }
}

const isForeignKeyViolation = (err: unknown) => {
  const code = (err as { code?: unknown })?.code;
  return code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || code === '23503';
};
