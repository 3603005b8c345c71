import { newClientMsgId } from '@kidtalk/protocol';

/** The 64 base64url characters in byte order, as `newClientMsgId` writes its time prefix. */
const SORTED = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
const SEQ_CHARS = 8;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ACKED = 1;
const RECEIVED = 2;

/**
 * Every message the bench sends, by number, in typed arrays. The generator must cost less than
 * the server it measures: a map entry and a boxed number per message per fact (sent at,
 * acknowledged, received, phase) kept its scavenges at 10–25 ms, each one a latency spike
 * that was the generator's, not the server's.
 *
 * An ID is what the SDK makes (8 characters of the millisecond, time-ordered, which the
 * server's dedupe index is laid out for), then a per-run nonce, then the message's number in
 * the same order-preserving alphabet, so a frame's ID leads straight back to its slot.
 */
export class MessageBook {
  readonly sentAt: Float64Array;
  readonly serverTs: Float64Array;
  readonly state: Uint8Array;
  readonly phase: Uint8Array;
  private readonly nonce = newClientMsgId().slice(8, 16);
  next = 0;

  constructor(readonly capacity: number) {
    this.sentAt = new Float64Array(capacity);
    this.serverTs = new Float64Array(capacity);
    this.state = new Uint8Array(capacity);
    this.phase = new Uint8Array(capacity);
  }

  idOf(n: number): string {
    let seq = '';
    for (let i = 0, v = n; i < SEQ_CHARS; i++, v = Math.floor(v / 64)) seq = SORTED[v % 64]! + seq;
    return newClientMsgId().slice(0, 8) + this.nonce + seq;
  }

  /** The message's number, or -1 for an ID this run did not make. */
  numberOf(id: string): number {
    if (id.length !== 16 + SEQ_CHARS || id.slice(8, 16) !== this.nonce) return -1;
    let n = 0;
    for (let i = 16; i < id.length; i++) n = n * 64 + SORTED.indexOf(id[i]!);
    return n < this.next ? n : -1;
  }
}

/**
 * One phase's messages: sent, acknowledged, received, duplicated, latency. A frame is credited
 * to the phase that sent its message, whenever it arrives: a recipient can see a message before
 * its sender sees `sent`, so a late `sent` may land after the next phase began.
 */
export class Ledger {
  sent = 0;
  acked = 0;
  received = 0;
  duplicated = 0;
  latencies: number[] = [];
  sentTimes: number[] = [];
  residence: number[] = [];
  lastDelivery = 0;
  private first = -1;

  constructor(
    private readonly book: MessageBook,
    readonly index: number,
  ) {}

  /** Records a new message of this phase and returns its ID. */
  send(): string {
    const n = this.book.next++;
    if (n >= this.book.capacity) throw new Error('the bench sent more than the workload allows');
    if (this.first < 0) this.first = n;
    this.book.phase[n] = this.index;
    this.book.sentAt[n] = performance.now();
    this.sent++;
    return this.book.idOf(n);
  }

  async drained(timeoutMs: number, expected: number): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (this.received < expected && Date.now() < end) await sleep(20);
  }

  /** Numbers of this phase run from its first send to the book's next, phases being in turn. */
  get lost(): number {
    let lost = 0;
    if (this.first < 0) return 0;
    for (let n = this.first; n < this.book.next; n++)
      if (this.book.phase[n] === this.index && this.book.state[n] === ACKED) lost++;
    return lost;
  }
}

/** Routes each `msg` and `sent` frame to the ledger of the phase that sent its message. */
export class Ledgers {
  private readonly all: Ledger[] = [];

  constructor(private readonly book: MessageBook) {}

  open(): Ledger {
    const ledger = new Ledger(this.book, this.all.length);
    this.all.push(ledger);
    return ledger;
  }

  /** The ledger the message belongs to, once it was counted received; null for a stranger. */
  receive(id: string, now: number): Ledger | null {
    const n = this.book.numberOf(id);
    if (n < 0) return null;
    const ledger = this.all[this.book.phase[n]!]!;
    if (this.book.state[n]! & RECEIVED) {
      ledger.duplicated++;
      return null;
    }
    this.book.state[n]! |= RECEIVED;
    ledger.received++;
    ledger.lastDelivery = now;
    const t0 = this.book.sentAt[n]!;
    ledger.latencies.push(now - t0);
    ledger.sentTimes.push(t0);
    const ts = this.book.serverTs[n]!;
    if (ts > 0) ledger.residence.push(Date.now() - ts);
    return ledger;
  }

  sent(id: string, ts: number): void {
    const n = this.book.numberOf(id);
    if (n < 0 || this.book.state[n]! & ACKED) return;
    this.book.state[n]! |= ACKED;
    this.book.serverTs[n] = ts;
    this.all[this.book.phase[n]!]!.acked++;
  }
}
