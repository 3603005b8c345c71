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

const FEATURES = ['message', 'call'] as const;
type Feature = (typeof FEATURES)[number];

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
  /**
   * account → peer → feature: nested maps, so counting builds no key string per message. The
   * entries outlive a flush (their counts go back to zero) and go only once a whole interval
   * passed without a count: rebuilt every second, a thousand accounts' maps lived through a
   * scavenge and were copied by it, in the paced bench's every minor GC pause.
   */
  private readonly pending = new Map<string, Map<string, Partial<Record<Feature, Count>>>>();
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
    this.schedule();
  }

  /** Never keeps the process alive: shutting down flushes explicitly. */
  private schedule(): void {
    this.timer ??= setTimeout(() => void this.flush(), 1000).unref();
  }

  /** Resolves once everything counted so far is written, including a flush already running. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.take();
    // Another round while entries remain, so that idle ones are dropped even if nobody counts.
    if (this.pending.size > 0) this.schedule();
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

  /** Copies of every count since the last flush; resets them, and drops idle entries. */
  private take(): Count[] {
    const batch: Count[] = [];
    for (const [account, peers] of this.pending) {
      for (const [peer, features] of peers) {
        let counted = false;
        for (const feature of FEATURES) {
          const e = features[feature];
          if (!e?.n) continue;
          batch.push({ ...e });
          e.n = 0;
          counted = true;
        }
        if (!counted) peers.delete(peer);
      }
      if (peers.size === 0) this.pending.delete(account);
    }
    return batch;
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
