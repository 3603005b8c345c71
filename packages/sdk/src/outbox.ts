import type { SendFrame, SentFrame } from '@kidtalk/protocol';
import { KidTalkError } from './errors.js';
import { isShownType } from './own-messages.js';
import type { ClientStore, StoreOp } from './store/client-store.js';
import { del, set } from './store/client-store.js';
import type { FailedSend, OutboxEntry, SentMessage } from './types.js';

export const OUTBOX_PREFIX = 'outbox:';
/** Refused sends of messages a chat shows, kept so the sender can see them and try again. */
export const failedPrefix = (conv: string) => `failed:${conv}:`;
export const failedKey = (conv: string, id: string) => failedPrefix(conv) + id;

interface Waiter {
  resolve(m: SentMessage): void;
  reject(e: KidTalkError): void;
}

/**
 * Messages that are encrypted and stored but not yet acknowledged. Each goes on the wire
 * only after it is durable, is resent with the same clientMsgId on every new socket until
 * `sent` arrives (the server dedupes by sender device + clientMsgId), and leaves only then.
 * At most `maxInFlight` are unacknowledged at once, in the order they were encrypted, so a
 * burst does not reorder past what receivers' MLS key retention tolerates.
 */
export class Outbox {
  private readonly entries = new Map<string, OutboxEntry>();
  private readonly onWire = new Set<string>();
  private readonly waiters = new Map<string, Waiter[]>();
  private nextOrder = 0;
  private pausedUntil = 0;
  private resumeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly store: ClientStore,
    private readonly transmit: (frame: SendFrame) => boolean,
    private readonly maxInFlight: number,
    private readonly onFinal: (sent: SentMessage) => void,
    private readonly onRejected: (err: KidTalkError) => void,
  ) {}

  async load(): Promise<void> {
    const keys = await this.store.keys(OUTBOX_PREFIX);
    const loaded: OutboxEntry[] = [];
    for (const k of keys) {
      const e = await this.store.get<OutboxEntry>(k);
      if (e) loaded.push(e);
    }
    loaded.sort((a, b) => a.order - b.order);
    for (const e of loaded) this.entries.set(e.id, e);
    this.nextOrder = (loaded.at(-1)?.order ?? -1) + 1;
  }

  order(): number {
    return this.nextOrder++;
  }

  get size(): number {
    return this.entries.size;
  }

  pending(): OutboxEntry[] {
    return [...this.entries.values()];
  }

  /** The entry must already be in the store. */
  add(entry: OutboxEntry): void {
    this.entries.set(entry.id, entry);
    this.pump();
  }

  wait(id: string): Promise<SentMessage> {
    const p = new Promise<SentMessage>((resolve, reject) => {
      const list = this.waiters.get(id) ?? [];
      list.push({ resolve, reject });
      this.waiters.set(id, list);
    });
    // A caller may drop the promise (the message stays queued either way): never let that
    // become an unhandled rejection when the client closes.
    p.catch(() => undefined);
    return p;
  }

  /** A new socket is ready: everything unacknowledged goes again. */
  reset(): void {
    this.onWire.clear();
    this.pump();
  }

  pump(): void {
    if (Date.now() < this.pausedUntil) return;
    for (const e of this.entries.values()) {
      if (this.onWire.size >= this.maxInFlight) return;
      if (this.onWire.has(e.id)) continue;
      const sent = this.transmit({
        t: 'send',
        id: e.id,
        conv: e.conv,
        epoch: e.epoch,
        body: e.body,
        frank: e.frank,
      });
      if (!sent) return;
      this.onWire.add(e.id);
    }
  }

  async onSent(f: SentFrame): Promise<void> {
    const entry = this.entries.get(f.id);
    if (!entry) return; // a second `sent` for a resend, or an ephemeral frame
    // Forget it first so a duplicate `sent` arriving meanwhile is ignored. If the delete
    // never lands, the entry is resent after a restart and the server answers it as a dup.
    this.entries.delete(f.id);
    this.onWire.delete(f.id);
    await this.store.write([del(OUTBOX_PREFIX + f.id)]);
    const sent: SentMessage = {
      clientMsgId: f.id,
      conversationId: entry.conv,
      serverTime: f.ts,
      countersig: f.sig,
    };
    this.settle(f.id, (w) => w.resolve(sent));
    this.onFinal(sent);
    this.pump();
  }

  /**
   * An `error` frame about one of ours: retry later, or give up on a permanent refusal. A
   * refused message a chat shows is recorded as failed in the same write that drops it.
   */
  async onError(err: KidTalkError): Promise<boolean> {
    const id = err.clientMsgId;
    if (id === undefined || !this.entries.has(id)) return false;
    this.onWire.delete(id);
    if (err.retryable) {
      this.pause((err.retryAfterSec ?? 1) * 1000);
      return true;
    }
    const entry = this.entries.get(id)!;
    this.entries.delete(id);
    const ops: StoreOp[] = [del(OUTBOX_PREFIX + id)];
    if (isShownType(entry.content)) {
      const failed: FailedSend = { conversationId: entry.conv, clientMsgId: id, code: err.code };
      ops.push(set(failedKey(entry.conv, id), failed));
    }
    await this.store.write(ops);
    this.settle(id, (w) => w.reject(err));
    this.onRejected(err);
    this.pump();
    return true;
  }

  /** The device was wiped: nothing is queued any more (call abandon() first). */
  forget(): void {
    this.entries.clear();
    this.onWire.clear();
    this.nextOrder = 0;
    this.pausedUntil = 0;
  }

  /** The client is closing: callers stop waiting; the entries stay stored for next time. */
  abandon(): void {
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    for (const id of [...this.waiters.keys()]) {
      this.settle(id, (w) =>
        w.reject(
          new KidTalkError('CLIENT_CLOSED', 'closed before the server acknowledged; still queued', {
            clientMsgId: id,
          }),
        ),
      );
    }
  }

  private pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = null;
      this.pump();
    }, this.pausedUntil - Date.now());
  }

  private settle(id: string, fn: (w: Waiter) => void): void {
    const list = this.waiters.get(id);
    this.waiters.delete(id);
    for (const w of list ?? []) fn(w);
  }
}
