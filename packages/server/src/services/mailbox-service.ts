import type { EntryKind, MsgFrame } from '@kidtalk/protocol';
import type { Bus } from '../bus/bus.js';
import type { Database, DbExecutor } from '../db/database.js';
import { MailboxStore } from '../stores/mailbox-store.js';

export interface MailboxItem {
  conversationId: string;
  kind: EntryKind;
  senderId: string;
  senderDeviceId: string;
  clientMsgId: string;
  epoch: number;
  body: string;
  frankTag: string;
  countersig: string;
  createdAt: number;
}

export type EnqueueResult =
  | { duplicate: false; gone?: false }
  | { duplicate: true; countersig: string; createdAt: number }
  /** The conversation was deleted after the route was read: nothing was stored. */
  | { duplicate: false; gone: true };

interface Submission {
  item: MailboxItem;
  deviceIds: string[];
  dedupe: boolean;
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
  private ackFlush: Promise<void> | null = null;

  constructor(
    private readonly db: Database,
    private readonly bus: Bus,
  ) {}

  /**
   * Durable before it resolves. With `dedupe`, the (sender device, clientMsgId) pair is
   * recorded once: a resend resolves as a duplicate with the first acceptance's countersig.
   */
  enqueue(item: MailboxItem, deviceIds: string[], dedupe: boolean): Promise<EnqueueResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, deviceIds, dedupe, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /**
   * Writes entries inside the caller's transaction, so they commit or roll back with what
   * caused them (an MLS commit with its epoch). Returns the wake-up to run after the commit.
   */
  async writeWithin(tx: DbExecutor, items: { item: MailboxItem; deviceIds: string[] }[]) {
    const store = new MailboxStore(tx);
    const live = await store.existingDevices(items.flatMap((i) => i.deviceIds));
    const rows = items.flatMap((i) =>
      i.deviceIds.filter((d) => live.has(d)).map((d) => toRow(i.item, d)),
    );
    const inserted = await store.insert(rows);
    const seqOf = new Map(
      inserted.map((r) => [`${r.device_id}|${r.sender_device_id}|${r.client_msg_id}`, r.seq]),
    );
    const frames = rows.flatMap((row) => {
      const seq = seqOf.get(`${row.device_id}|${row.sender_device_id}|${row.client_msg_id}`);
      return seq === undefined ? [] : [toFrame(row, seq)];
    });
    return () => {
      for (const f of frames) this.bus.publish(deviceTopic(f.devTo), JSON.stringify(f.frame));
    };
  }

  /**
   * Deletes acknowledged entries (P3). Acks from every socket in one turn share a transaction;
   * resolves once the rows are gone, so a reconnecting device is never sent them again.
   */
  ack(deviceId: string, seqs: number[]): Promise<void> {
    return new Promise((resolve) => {
      let e = this.acks.get(deviceId);
      if (!e) this.acks.set(deviceId, (e = { seqs: [], done: [] }));
      e.seqs.push(...seqs);
      e.done.push(resolve);
      if (!this.ackFlush)
        this.ackFlush = new Promise((r) => setImmediate(r)).then(() => this.flushAcks());
    });
  }

  private async flushAcks(): Promise<void> {
    const batch = this.acks;
    this.acks = new Map();
    try {
      const pairs: [string, number][] = [];
      for (const [deviceId, e] of batch) for (const seq of e.seqs) pairs.push([deviceId, seq]);
      await new MailboxStore(this.db.db).deleteAckedPairs(pairs);
    } catch {
      // The rows stay and are sent again on the next connection; clients dedupe by seq.
    } finally {
      this.ackFlush = null;
      for (const e of batch.values()) for (const d of e.done) d();
      if (this.acks.size > 0)
        this.ackFlush = new Promise((r) => setImmediate(r)).then(() => this.flushAcks());
    }
  }

  async pending(deviceId: string, limit: number) {
    return new MailboxStore(this.db.db).pending(deviceId, 0, limit);
  }

  /** Waits for every queued write and delete, for a clean shutdown. */
  async settle(): Promise<void> {
    while (
      this.flushing ||
      this.scheduled ||
      this.ackFlush ||
      this.queue.length ||
      this.acks.size
    ) {
      await (this.flushing ?? this.ackFlush ?? new Promise((r) => setImmediate(r)));
    }
  }

  private async flush(): Promise<void> {
    // One batch in flight at a time; what arrives meanwhile forms the next batch.
    if (this.flushing) await this.flushing;
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    this.flushing = this.write(batch).finally(() => (this.flushing = null));
    await this.flushing;
  }

  private async write(batch: Submission[]): Promise<void> {
    let frames: { devTo: string; frame: MsgFrame }[] = [];
    const outcomes = new Map<Submission, EnqueueResult>();
    try {
      await this.db.transaction(async (tx) => {
        frames = [];
        outcomes.clear();
        const store = new MailboxStore(tx);
        // A cached route may still name a device revoked a moment ago; writing for it would
        // fail the whole batch on the foreign key, so only devices that exist get entries.
        const live = await store.existingDevices(
          batch.flatMap((s) => (s.dedupe ? [...s.deviceIds, s.item.senderDeviceId] : s.deviceIds)),
        );
        // Likewise a conversation that ended (a block can delete a 1:1) since its route was
        // cached: its sends are answered "not found" instead of failing everyone's batch.
        const conversations = await store.existingConversations(
          batch.map((s) => s.item.conversationId),
        );
        const deduped = batch.filter((s) => s.dedupe);
        const fresh = await store.recordSent(
          deduped
            .filter(
              (s) => conversations.has(s.item.conversationId) && live.has(s.item.senderDeviceId),
            )
            .map((s) => ({
              sender_device_id: s.item.senderDeviceId,
              client_msg_id: s.item.clientMsgId,
              conversation_id: s.item.conversationId,
              countersig: s.item.countersig,
              created_at: s.item.createdAt,
            })),
        );
        const rows = [];
        for (const s of batch) {
          if (
            !conversations.has(s.item.conversationId) ||
            (s.dedupe && !live.has(s.item.senderDeviceId))
          ) {
            outcomes.set(s, { duplicate: false, gone: true });
            continue;
          }
          const key = `${s.item.senderDeviceId}|${s.item.clientMsgId}`;
          if (s.dedupe && !fresh.delete(key)) {
            const first = await store.sentBefore(s.item.senderDeviceId, s.item.clientMsgId);
            outcomes.set(s, {
              duplicate: true,
              countersig: first?.countersig ?? s.item.countersig,
              createdAt: first?.created_at ?? s.item.createdAt,
            });
            continue;
          }
          outcomes.set(s, { duplicate: false });
          for (const deviceId of s.deviceIds)
            if (live.has(deviceId)) rows.push(toRow(s.item, deviceId));
        }
        const inserted = await store.insert(rows);
        const seqOf = new Map(
          inserted.map((r) => [`${r.device_id}|${r.sender_device_id}|${r.client_msg_id}`, r.seq]),
        );
        for (const row of rows) {
          const seq = seqOf.get(`${row.device_id}|${row.sender_device_id}|${row.client_msg_id}`);
          if (seq !== undefined) frames.push(toFrame(row, seq));
        }
      });
    } catch (err) {
      for (const s of batch) s.reject(err);
      return;
    }
    for (const s of batch) s.resolve(outcomes.get(s)!);
    for (const f of frames) this.bus.publish(deviceTopic(f.devTo), JSON.stringify(f.frame));
  }
}

type Row = ReturnType<typeof toRow>;

function toRow(item: MailboxItem, deviceId: string) {
  return {
    device_id: deviceId,
    conversation_id: item.conversationId,
    kind: item.kind,
    sender_id: item.senderId,
    sender_device_id: item.senderDeviceId,
    client_msg_id: item.clientMsgId,
    epoch: item.epoch,
    body: item.body,
    frank_tag: item.frankTag,
    countersig: item.countersig,
    created_at: item.createdAt,
  };
}

function toFrame(row: Row, seq: number): { devTo: string; frame: MsgFrame } {
  return { devTo: row.device_id, frame: rowToFrame({ ...row, seq }) };
}

export function rowToFrame(r: Row & { seq: number }): MsgFrame {
  return {
    t: 'msg',
    seq: r.seq,
    kind: r.kind,
    conv: r.conversation_id,
    from: r.sender_id,
    dev: r.sender_device_id,
    id: r.client_msg_id,
    epoch: r.epoch,
    body: r.body,
    frank: r.frank_tag,
    sig: r.countersig,
    ts: r.created_at,
  };
}
