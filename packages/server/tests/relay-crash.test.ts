import { randomBytes, randomInt } from 'node:crypto';
import type { MsgFrame, ServerFrame } from '@kidtalk/protocol';
import { PROTOCOL_VERSION, WS_PATH } from '@kidtalk/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Database } from '../src/db/database.js';
import type { TestDatabase, TestDialect } from './support/databases.js';
import { createTestDatabase, testDialects } from './support/databases.js';
import type { LiveAccount, ServerProcess } from './support/server-process.js';
import {
  befriendOverHttp,
  directConversationOverHttp,
  killAllServers,
  signUpOverHttp,
  spawnServer,
  waitFor,
} from './support/server-process.js';

/**
 * Issue 4: kill -9 the server in the middle of a 10,000-message burst, restart it on the same
 * database, and let the clients do what the app does (the sender resends everything it has no
 * `sent` for, with the same clientMsgId; the receiver acks and dedupes). Nothing the server
 * acknowledged may be lost, and after dedupe every message arrives exactly once.
 */

const DIALECTS = await testDialects();
const TOTAL = 10_000;
const ACK_BATCH = 512; // AckFrame's maxItems
const GUARD_MS = 60_000;

/** Names the step that hangs, so a timeout says where instead of just "timed out". */
function step<T>(name: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`step "${name}" did not finish`)), GUARD_MS);
  });
  return Promise.race([p, guard]).finally(() => clearTimeout(timer));
}

/** A lean protocol client: TestSocket keeps every frame, which a 10,000-frame burst must not. */
class BurstClient {
  private constructor(
    readonly ws: WebSocket,
    readonly closed: Promise<number>,
  ) {}

  static async connect(url: string, token: string, onFrame: (f: ServerFrame) => void) {
    const ws = new WebSocket(url.replace(/^http/, 'ws') + WS_PATH);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    // A dying server resets the connection; that is the point of this test, not an error.
    ws.on('error', () => undefined);
    const ready = new Promise<void>((resolve, reject) => {
      ws.on('message', (data) => {
        const f = JSON.parse(String(data)) as ServerFrame;
        if (f.t === 'ready') resolve();
        onFrame(f);
      });
      void closed.then((code) => reject(new Error(`closed ${code} before ready`)));
    });
    ws.send(JSON.stringify({ t: 'hello', v: PROTOCOL_VERSION, token }));
    await ready;
    return new BurstClient(ws, closed);
  }

  send(frame: unknown): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }
}

/** Collects deliveries, acks every one (duplicates too: their first ack may have died). */
class Receiver {
  /** (sender device, clientMsgId) → the mailbox seq it came with. */
  readonly seen = new Map<string, { seq: number; body: string }>();
  raw = 0;
  duplicates = 0;
  /** The same message stored twice, under two seqs: resend dedupe failed on the server. */
  readonly storedTwice: string[] = [];
  private pending: number[] = [];
  private client: BurstClient | null = null;

  async connect(url: string, token: string): Promise<BurstClient> {
    this.pending = [];
    this.client = await BurstClient.connect(url, token, (f) => this.onFrame(f));
    return this.client;
  }

  private onFrame(f: ServerFrame): void {
    if (f.t !== 'msg') return;
    this.raw++;
    const m = f as MsgFrame;
    const key = `${m.dev}|${m.id}`;
    const before = this.seen.get(key);
    if (before) {
      this.duplicates++;
      if (before.seq !== m.seq) this.storedTwice.push(key);
    } else {
      this.seen.set(key, { seq: m.seq, body: m.body });
    }
    if (this.pending.push(m.seq) === 1) setImmediate(() => this.flushAcks());
  }

  private flushAcks(): void {
    const seqs = this.pending;
    this.pending = [];
    for (let i = 0; i < seqs.length; i += ACK_BATCH) {
      this.client?.send({ t: 'ack', seqs: seqs.slice(i, i + ACK_BATCH) });
    }
  }
}

describe.each(DIALECTS)('relay survives kill -9 mid-burst on %s', (dialect: TestDialect) => {
  let db: TestDatabase;
  const clients: BurstClient[] = [];

  afterAll(async () => {
    for (const c of clients) c.ws.terminate();
    await killAllServers();
    await db?.drop();
  });

  it(
    'loses no acknowledged message and delivers all 10,000 exactly once after dedupe',
    async () => {
      db = await createTestDatabase(dialect);
      const spawn = () => spawnServer({ dataDir: db.dataDir, databaseUrl: db.url });
      let server: ServerProcess = await spawn();
      const ann: LiveAccount = await signUpOverHttp(server, 'Ann');
      const bob: LiveAccount = await signUpOverHttp(server, 'Bob');
      await befriendOverHttp(server, ann, bob);
      const conv = await directConversationOverHttp(server, ann, bob);

      const run = randomBytes(4).toString('hex');
      const frank = randomBytes(32).toString('base64url');
      const frames = Array.from({ length: TOTAL }, (_, i) => ({
        t: 'send',
        id: `crash-${run}-${i}`,
        conv,
        epoch: 1,
        body: randomBytes(24).toString('base64url'),
        frank,
      }));
      const byId = new Map(frames.map((f) => [f.id, f]));
      // Killed after 10% to 50% of the burst was acknowledged; `sent` frames already on the
      // wire still arrive after the signal, so the upper bound leaves room for them.
      const killAt = randomInt(TOTAL * 0.1, TOTAL * 0.5);

      const receiver = new Receiver();
      clients.push(await receiver.connect(server.url, bob.token));

      const sent = new Set<string>();
      const errors: ServerFrame[] = [];
      let sentBeforeKill: Set<string> | null = null;
      // At most WINDOW sends are unacknowledged at once, as a real client's outbox paces
      // them; without it a fast server acknowledges the whole burst before the kill lands.
      const WINDOW = 300;
      let next = 0;
      let sender1: BurstClient | null = null;
      const sendMore = () => {
        // An error settles a send as much as a `sent` does (errors fail the test at the end),
        // so a refused send can never wedge the window and hold the kill back.
        while (
          sender1 &&
          !sentBeforeKill &&
          next < frames.length &&
          next - sent.size - errors.length < WINDOW
        ) {
          sender1.send(frames[next++]!);
        }
      };
      const onSenderFrame = (f: ServerFrame) => {
        if (f.t === 'error') {
          errors.push(f);
          sendMore();
        }
        if (f.t !== 'sent') return;
        sent.add(f.id);
        sendMore();
        if (sent.size === killAt && !sentBeforeKill) {
          // Everything acknowledged up to here was durable before its `sent` was written.
          process.kill(server.proc.pid!, 'SIGKILL');
          sentBeforeKill = new Set(sent);
        }
      };
      sender1 = await BurstClient.connect(server.url, ann.token, onSenderFrame);
      clients.push(sender1);
      sendMore();

      const exit = await step('server dies', server.exited);
      expect(exit.signal).toBe('SIGKILL');
      // `sent` frames already on the wire when the process died still count as acknowledged.
      await step('sender sees the close', sender1.closed);
      const acknowledged = new Set(sent);
      expect(acknowledged.size).toBeGreaterThanOrEqual(killAt);
      expect(acknowledged.size).toBeLessThan(TOTAL);

      server = await step('restart', spawn());
      clients.push(await step('receiver reconnects', receiver.connect(server.url, bob.token)));
      const sender2 = await step(
        'sender reconnects',
        BurstClient.connect(server.url, ann.token, onSenderFrame),
      );
      clients.push(sender2);
      // The outbox: everything without a `sent`, same clientMsgId.
      const resent = frames.filter((f) => !acknowledged.has(f.id));
      for (const f of resent) sender2.send(f);

      const progress = () =>
        `sent ${sent.size}, received ${receiver.seen.size}/${TOTAL}, errors ${errors.length}`;
      await waitFor(() => sent.size === TOTAL, GUARD_MS, 'a `sent` for every message').catch(
        (err: Error) => Promise.reject(new Error(`${err.message} (${progress()})`)),
      );
      await waitFor(() => receiver.seen.size === TOTAL, GUARD_MS, 'every message delivered').catch(
        (err: Error) => Promise.reject(new Error(`${err.message} (${progress()})`)),
      );

      const store = Database.connect(
        dialect === 'pg'
          ? { kind: 'pg', url: db.url }
          : { kind: 'sqlite', file: db.url.slice('sqlite:'.length) },
      );
      const mailboxRows = async () =>
        Number(
          (
            await store.db
              .selectFrom('mailbox_entries')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      try {
        // Acks are applied asynchronously; the guard only bounds a hang.
        await waitFor(async () => (await mailboxRows()) === 0, GUARD_MS, 'an empty mailbox');
      } finally {
        await store.db.destroy();
      }

      console.log(
        `[relay-crash ${dialect}] killed after ${killAt} sent; acknowledged before death ` +
          `${acknowledged.size}, resent ${resent.length}; received raw ${receiver.raw}, ` +
          `raw duplicates ${receiver.duplicates}, unique ${receiver.seen.size}`,
      );
      expect(errors).toEqual([]);
      const received = new Set([...receiver.seen.keys()].map((k) => k.split('|')[1]!));
      expect([...acknowledged].filter((id) => !received.has(id))).toEqual([]);
      expect(received.size).toBe(TOTAL);
      expect([...received].every((id) => byId.has(id))).toBe(true);
      // Intact: each message carries exactly the body that was sent under its clientMsgId.
      for (const [key, { body }] of receiver.seen) {
        expect(body).toBe(byId.get(key.split('|')[1]!)!.body);
      }
      // Raw duplicates are redeliveries of the same stored entry, never a second copy.
      expect(receiver.storedTwice).toEqual([]);
      expect(receiver.raw).toBe(TOTAL + receiver.duplicates);
    },
    GUARD_MS * 5,
  );
});
