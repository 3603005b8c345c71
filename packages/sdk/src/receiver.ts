import type { IncomingResult } from '@kidtalk/crypto';
import { decodeBody, joinFromWelcome, processIncoming } from '@kidtalk/crypto';
import type { MsgFrame } from '@kidtalk/protocol';
import type { DeviceCrypto } from './device-crypto.js';
import { fromB64, toB64 } from './encoding.js';
import { KidTalkError, toKidTalkError } from './errors.js';
import type { ClientStore, StoreOp } from './store/client-store.js';
import { append, del, set } from './store/client-store.js';
import type { KidTalkEvents, ReceivedMessage } from './types.js';

export const rxKey = (senderDevice: string, clientMsgId: string) =>
  `rx:${senderDevice}:${clientMsgId}`;
export const messagesList = (conv: string) => `messages:${conv}`;
export const UNDELIVERABLE_LIST = 'undeliverable';

/** What is stored per received message; the body is re-decoded from the franked plaintext. */
export interface StoredMessage {
  conv: string;
  seq: number;
  id: string;
  from: string;
  dev: string;
  ts: number;
  epoch: number;
  frankKey: string;
  plaintext: string;
  frankTag: string;
  sig: string;
}

export interface ReceiverDeps {
  store: ClientStore;
  crypto: () => DeviceCrypto;
  emit: <K extends keyof KidTalkEvents>(event: K, e: KidTalkEvents[K]) => void;
  ack: (seq: number) => void;
  /** The server asked for removals (a guardian's "remove contact"): commit them. */
  onProposal: (conv: string) => void;
}

type Outcome = { ops: StoreOp[]; after: () => void };

/**
 * Turns `msg` frames into stored messages and events. Frames are processed one at a time in
 * arrival order (MLS state moves forward one message at a time), but the store writes are
 * pipelined: frame n+1 is decrypted while frame n is being fsynced. A frame's event and its
 * ack come only after its write is durable, and writes land in order, so a crash can never
 * lose an acknowledged message or apply a later MLS state without an earlier one.
 *
 * Dedupe: (sender device, clientMsgId) is recorded with the message itself, so a frame the
 * server sends again (its ack was lost) is recognised and just acked again. Seqs of this run
 * are also remembered, so a resend on the same socket costs no store lookup.
 */
export class Receiver {
  private chain: Promise<void> = Promise.resolve();
  private readonly seenSeqs = new Set<number>();
  private readonly durableSeqs = new Set<number>();

  constructor(private readonly deps: ReceiverDeps) {}

  push(f: MsgFrame): void {
    if (f.seq > 0 && this.seenSeqs.has(f.seq)) {
      if (this.durableSeqs.has(f.seq)) this.deps.ack(f.seq);
      return;
    }
    if (f.seq > 0) this.seenSeqs.add(f.seq);
    this.chain = this.chain.then(() => this.process(f));
  }

  /** The device was wiped: a new session's seqs start afresh and must not look like resends. */
  forget(): void {
    this.seenSeqs.clear();
    this.durableSeqs.clear();
  }

  /** Resolves once every frame pushed so far is processed and its write issued. */
  idle(): Promise<void> {
    return this.chain;
  }

  private async process(f: MsgFrame): Promise<void> {
    const { store } = this.deps;
    const key = rxKey(f.dev, f.id);
    if (f.seq > 0 && (await store.get(key)) !== undefined) {
      this.done(f);
      return;
    }
    let outcome: Outcome;
    try {
      outcome = await this.deps.crypto().mutex.run(f.conv, () => this.handle(f));
    } catch (err) {
      outcome = this.undeliverable(f, toKidTalkError(err));
    }
    if (f.seq === 0) {
      // Ephemeral: nothing to dedupe or ack, but the ratchet moved, so keep the state.
      void store.write(outcome.ops).then(outcome.after, (e) => this.writeFailed(e));
      return;
    }
    // The server time lets the dedupe set be pruned once no resend is possible (pruneDedupe).
    const ops = [...outcome.ops, set(key, f.ts)];
    void store.write(ops).then(
      () => {
        outcome.after();
        this.done(f);
      },
      (e) => this.writeFailed(e),
    );
  }

  private done(f: MsgFrame): void {
    this.durableSeqs.add(f.seq);
    this.deps.ack(f.seq);
  }

  private writeFailed(err: unknown): void {
    // Not acked: the server keeps the message and sends it again on the next connection.
    this.deps.emit('error', toKidTalkError(err, 'STORAGE'));
  }

  private async handle(f: MsgFrame): Promise<Outcome> {
    const crypto = this.deps.crypto();
    const ciphertext = fromB64(f.body);
    if (f.kind === 'welcome') {
      const joined = await joinFromWelcome(crypto.ctx, crypto.identity, crypto.secrets, ciphertext);
      const ops = [
        await crypto.groupOp(f.conv, joined.group),
        ...(await crypto.keyPackageOps(joined.keyPackages)),
      ];
      return {
        ops,
        after: () => this.deps.emit('conversation', { conversationId: f.conv, change: 'joined' }),
      };
    }
    const group = await crypto.group(f.conv);
    if (!group) throw new KidTalkError('NO_GROUP', 'no MLS group for this conversation yet');
    const frankTag = f.frank ? fromB64(f.frank) : undefined;
    const r = await processIncoming(crypto.ctx, group, {
      ciphertext,
      ...(frankTag && { frankTag }),
    });
    if (r.kind === 'application') return this.application(f, r);
    if (r.kind === 'commit' && r.removedSelf) {
      return {
        ops: [crypto.dropGroupOp(f.conv)],
        after: () => this.deps.emit('conversation', { conversationId: f.conv, change: 'removed' }),
      };
    }
    const ops = [await crypto.groupOp(f.conv, r.group)];
    if (r.kind === 'proposal') return { ops, after: () => this.deps.onProposal(f.conv) };
    return {
      ops,
      after: () => this.deps.emit('conversation', { conversationId: f.conv, change: 'updated' }),
    };
  }

  private async application(
    f: MsgFrame,
    r: Extract<IncomingResult, { kind: 'application' }>,
  ): Promise<Outcome> {
    const crypto = this.deps.crypto();
    // The relay names the sender from the authenticated socket, MLS from the signature: a
    // mismatch means a lying server or a confused client, and the message is not shown.
    if (r.sender.accountId !== f.from || r.sender.deviceId !== f.dev) {
      throw new KidTalkError('SENDER_MISMATCH', 'MLS sender differs from the relay envelope');
    }
    const groupOp = await crypto.groupOp(f.conv, r.group);
    const stored: StoredMessage = {
      conv: f.conv,
      seq: f.seq,
      id: f.id,
      from: f.from,
      dev: f.dev,
      ts: f.ts,
      epoch: f.epoch,
      frankKey: toB64(r.franking.frankKey),
      plaintext: toB64(r.franking.plaintext),
      frankTag: toB64(r.franking.frankTag),
      sig: f.sig,
    };
    const msg = toReceived(stored);
    const content = msg.body.content;
    if (content.type === 'typing') {
      return {
        ops: [groupOp],
        after: () =>
          this.deps.emit('typing', {
            conversationId: f.conv,
            senderAccountId: f.from,
            senderDeviceId: f.dev,
            state: content.state,
          }),
      };
    }
    if (f.seq === 0) return { ops: [groupOp], after: () => this.deps.emit('message', msg) };
    return {
      ops: [groupOp, append(messagesList(f.conv), stored)],
      after: () => {
        this.deps.emit('message', msg);
        if (content.type === 'receipt') {
          this.deps.emit('receipt', {
            conversationId: f.conv,
            senderAccountId: f.from,
            kind: content.kind,
            targets: content.targets,
          });
        }
      },
    };
  }

  private undeliverable(f: MsgFrame, error: KidTalkError): Outcome {
    const record = {
      conversationId: f.conv,
      seq: f.seq,
      kind: f.kind,
      clientMsgId: f.id,
      senderAccountId: f.from,
      senderDeviceId: f.dev,
    };
    return {
      ops: f.seq > 0 ? [append(UNDELIVERABLE_LIST, { ...record, code: error.code })] : [],
      after: () => this.deps.emit('undeliverable', { ...record, error }),
    };
  }
}

/**
 * The server purges undelivered entries after 15 days (P4), so nothing older can ever be sent
 * again: dedupe records past that (plus a day of clock skew) are dropped.
 */
export const DEDUPE_RETENTION_MS = 16 * 24 * 3600_000;

export async function pruneDedupe(store: ClientStore, now: number): Promise<number> {
  const stale: StoreOp[] = [];
  for (const key of await store.keys('rx:')) {
    const ts = await store.get<number>(key);
    if (typeof ts === 'number' && ts < now - DEDUPE_RETENTION_MS) stale.push(del(key));
  }
  if (stale.length > 0) await store.write(stale);
  return stale.length;
}

export function toReceived(s: StoredMessage): ReceivedMessage {
  return {
    conversationId: s.conv,
    seq: s.seq,
    clientMsgId: s.id,
    senderAccountId: s.from,
    senderDeviceId: s.dev,
    serverTime: s.ts,
    epoch: s.epoch,
    body: decodeBody(fromB64(s.plaintext)),
    franking: {
      frankKey: s.frankKey,
      plaintext: s.plaintext,
      frankTag: s.frankTag,
      countersig: s.sig,
      serverTime: s.ts,
    },
  };
}
