import type { Bus } from '../bus/bus.js';
import type { Database, DbExecutor } from '../db/database.js';
import { MailboxStore } from '../stores/mailbox-store.js';
import { PgRelayStore } from '../stores/pg-relay-store.js';
import type {
  EnqueueResult,
  MailboxItem,
  RelayStore,
  RelaySubmission,
} from '../stores/relay-store.js';
import { msgPayload, toEntry } from '../stores/relay-store.js';
import { SqliteRelayStore } from '../stores/sqlite-relay-store.js';

export type { EnqueueResult, MailboxItem } from '../stores/relay-store.js';
export { rowPayload } from '../stores/relay-store.js';

interface Submission extends RelaySubmission {
  resolve(r: EnqueueResult): void;
  reject(err: unknown): void;
}

export const deviceTopic = (deviceId: string) => `dev:${deviceId}`;

/**
 * The durable store-and-forward queue. Everything enqueued in one event-loop turn is written in
 * one transaction (group commit), and only then are the senders answered and the recipients'
 * sockets woken through the bus with the full entry, so an online device gets it without a read.
 */
export class MailboxService {
  private queue: Submission[] = [];
  private flushing: Promise<void> | null = null;
  private scheduled = false;
  private acks = new Map<string, { seqs: number[]; done: (() => void)[] }>();

  private readonly relay: RelayStore;

  constructor(
    private readonly db: Database,
    private readonly bus: Bus,
  ) {
    this.relay = db.dialect === 'sqlite' ? new SqliteRelayStore(db) : new PgRelayStore(db);
  }

  /**
   * Durable before it resolves. With `dedupe`, the (sender device, clientMsgId) pair is
   * recorded once: a resend resolves as a duplicate with the first acceptance's countersig.
   */
  enqueue(item: MailboxItem, deviceIds: string[], dedupe: boolean): Promise<EnqueueResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, deviceIds, dedupe, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Writes entries inside the caller's transaction, so they commit or roll back with what
   * caused them (an MLS commit with its epoch). Returns the wake-up to run after the commit.
   */
  async writeWithin(tx: DbExecutor, items: { item: MailboxItem; deviceIds: string[] }[]) {
    const store = new MailboxStore(tx);
    const live = await store.existingDevices(items.flatMap((i) => i.deviceIds));
    const entries = items.flatMap((i) =>
      i.deviceIds.filter((d) => live.has(d)).map((deviceId) => ({ item: i.item, deviceId })),
    );
    const inserted = await store.insert(entries.map((e) => toEntry(e.item, e.deviceId)));
    const key = (device: string, sender: string, id: string) => `${device}|${sender}|${id}`;
    const seqOf = new Map(
      inserted.map((r) => [key(r.device_id, r.sender_device_id, r.client_msg_id), r.seq]),
    );
    const deliveries = entries.map((e) => {
      const seq = seqOf.get(key(e.deviceId, e.item.senderDeviceId, e.item.clientMsgId))!;
      return { deviceId: e.deviceId, payload: msgPayload(e.item, seq) };
    });
    return () => {
      for (const d of deliveries) this.bus.publish(deviceTopic(d.deviceId), d.payload);
    };
  }

  /**
   * Deletes acknowledged entries (P3), in the same transaction as the turn's new entries;
   * resolves once the rows are gone, so a reconnecting device is never sent them again.
   */
  ack(deviceId: string, seqs: number[]): Promise<void> {
    return new Promise((resolve) => {
      let e = this.acks.get(deviceId);
      if (!e) this.acks.set(deviceId, (e = { seqs: [], done: [] }));
      e.seqs.push(...seqs);
      e.done.push(resolve);
      this.schedule();
    });
  }

  async pending(deviceId: string, limit: number) {
    return this.relay.pending(deviceId, limit);
  }

  /** Waits for every queued write and delete, for a clean shutdown. */
  async settle(): Promise<void> {
    while (this.flushing || this.scheduled || this.queue.length || this.acks.size) {
      await (this.flushing ?? new Promise((r) => setImmediate(r)));
    }
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    // One transaction in flight at a time; what arrives meanwhile forms the next one.
    if (this.flushing) await this.flushing;
    this.scheduled = false;
    const batch = this.queue;
    const acks = this.acks;
    this.queue = [];
    this.acks = new Map();
    if (batch.length === 0 && acks.size === 0) return;
    this.flushing = this.commit(batch, acks).finally(() => (this.flushing = null));
    await this.flushing;
  }

  /** A turn's sends and acks in one transaction: one commit, each page written once. */
  private async commit(batch: Submission[], acks: MailboxService['acks']): Promise<void> {
    const acked = new Map<string, number[]>();
    for (const [deviceId, e] of acks) acked.set(deviceId, e.seqs);
    const acksDone = () => {
      for (const e of acks.values()) for (const done of e.done) done();
    };
    let result;
    try {
      result = await this.relay.commit(batch, acked);
    } catch (err) {
      for (const s of batch) s.reject(err);
      // Unacknowledged rows stay and are sent again on the next connection; clients dedupe.
      acksDone();
      return;
    }
    batch.forEach((s, i) => s.resolve(result.outcomes[i]!));
    acksDone();
    for (const d of result.deliveries) this.bus.publish(deviceTopic(d.deviceId), d.payload);
  }
}
