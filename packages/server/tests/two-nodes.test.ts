import type { MsgFrame, ServerFrame } from '@kidtalk/protocol';
import { CloseCode } from '@kidtalk/protocol';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../src/db/database.js';
import type { TestDatabase } from './support/databases.js';
import { createTestDatabase, REDIS_TEST_URL, testDialects } from './support/databases.js';
import { sendFrame } from './support/realtime-flows.js';
import type { LiveAccount, ServerProcess } from './support/server-process.js';
import {
  befriendOverHttp,
  directConversationOverHttp,
  httpJson,
  killAllServers,
  killServer,
  randomLoopback,
  signUpOverHttp,
  spawnServer,
  waitFor,
} from './support/server-process.js';
import { TestSocket } from './support/ws-client.js';

/**
 * Issue 4: two server processes on one PostgreSQL database and one Redis behave as one
 * service. Messages, offline drains, presence, receipts, session revocation and blocks all
 * cross from one node to the other; a node only learns of the other's events through the bus.
 */

async function redisUp(): Promise<boolean> {
  const r = new Redis(REDIS_TEST_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  try {
    await r.connect();
    await r.ping();
    return true;
  } catch (err) {
    if (process.env.CI === 'true')
      throw new Error('Redis is required under CI=true', { cause: err });
    return false;
  } finally {
    r.disconnect();
  }
}

const READY = (await testDialects()).includes('pg') && (await redisUp());
const isMsg = (f: ServerFrame): f is MsgFrame => f.t === 'msg';
const PRESENCE_TTL_SEC = 2;

describe.skipIf(!READY)('two server nodes on one PostgreSQL and one Redis', () => {
  let db: TestDatabase;
  let store: Database;
  let nodeA: ServerProcess;
  let nodeB: ServerProcess;
  let ann: LiveAccount;
  let bob: LiveAccount;
  let conv: string;
  // Per-IP limits live in Redis and outlive a run: each run comes from its own address.
  const ip = randomLoopback();
  const sockets: TestSocket[] = [];
  const connect = async (node: ServerProcess, token: string) => {
    const s = await TestSocket.connect(node.url, token);
    sockets.push(s);
    return s;
  };
  const mailboxCount = async () =>
    Number(
      (
        await store.db
          .selectFrom('mailbox_entries')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    db = await createTestDatabase('pg');
    store = Database.connect({ kind: 'pg', url: db.url });
    // One data directory, so both nodes read the same secrets (tokens, franking key); A
    // creates them, then B starts.
    // Every node shares one presence TTL; a short one lets a test watch a dead node's accounts
    // go offline.
    const opts = {
      dataDir: db.dataDir,
      databaseUrl: db.url,
      redisUrl: REDIS_TEST_URL,
      env: { KIDTALK_PRESENCE_TTL_SEC: String(PRESENCE_TTL_SEC) },
    };
    nodeA = await spawnServer(opts);
    nodeB = await spawnServer(opts);
    ann = await signUpOverHttp(nodeA, 'Ann', undefined, ip);
    bob = await signUpOverHttp(nodeB, 'Bob', undefined, ip);
    await befriendOverHttp(nodeA, ann, bob, ip);
    conv = await directConversationOverHttp(nodeB, bob, ann, ip);
  }, 150_000);

  afterEach(async () => {
    for (const s of sockets.splice(0)) {
      s.close();
      await s.closed().catch(() => s.ws.terminate());
    }
  });

  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await killAllServers();
    await store?.db.destroy();
    await db?.drop();
  });

  it('relays between clients on different nodes, and the receipt comes back across', async () => {
    const b = await connect(nodeB, bob.token);
    await b.next((f) => f.t === 'drained');
    const a = await connect(nodeA, ann.token);
    const m = sendFrame(conv);
    a.send(m);
    await a.next((f) => f.t === 'sent' && f.id === m.id);
    const got = await b.next<MsgFrame>((f) => isMsg(f) && f.id === m.id);
    expect(got).toMatchObject({ from: ann.accountId, body: m.body, conv });
    b.send({ t: 'ack', seqs: [got.seq] });
    // A read receipt is an application message like any other, sent back from node B.
    const receipt = sendFrame(conv);
    b.send(receipt);
    await b.next((f) => f.t === 'sent' && f.id === receipt.id);
    const back = await a.next<MsgFrame>((f) => isMsg(f) && f.id === receipt.id);
    expect(back).toMatchObject({ from: bob.accountId, body: receipt.body });
    a.send({ t: 'ack', seqs: [back.seq] });
    await waitFor(async () => (await mailboxCount()) === 0, 20_000, 'both acks');
  });

  it('delivers at once to a device signed in on node B after node A cached the route', async () => {
    // Accounts of its own: a second device for Bob would change what later tests expect.
    const dan = await signUpOverHttp(nodeA, 'Dan', undefined, ip);
    const eve = await signUpOverHttp(nodeB, 'Eve', undefined, ip);
    await befriendOverHttp(nodeA, dan, eve, ip);
    const conv = await directConversationOverHttp(nodeB, eve, dan, ip);
    const a = await connect(nodeA, dan.token);
    const b1 = await connect(nodeB, eve.token);
    await b1.next((f) => f.t === 'drained');
    const first = sendFrame(conv);
    a.send(first);
    const got = await b1.next<MsgFrame>((f) => isMsg(f) && f.id === first.id);
    b1.send({ t: 'ack', seqs: [got.seq] });
    // The sign-in's widening reaches node A only through Redis.
    const again = await signUpOverHttp(nodeB, 'Eve', eve.phone, ip);
    expect(again.accountId).toBe(eve.accountId);
    const b2 = await connect(nodeB, again.token);
    await b2.next((f) => f.t === 'drained');
    const second = sendFrame(conv);
    a.send(second);
    const onNew = await b2.next<MsgFrame>((f) => isMsg(f) && f.id === second.id, 5_000);
    expect(onNew).toMatchObject({ from: dan.accountId, body: second.body });
    b2.send({ t: 'ack', seqs: [onNew.seq] });
    const onOld = await b1.next<MsgFrame>((f) => isMsg(f) && f.id === second.id);
    b1.send({ t: 'ack', seqs: [onOld.seq] });
    await waitFor(async () => (await mailboxCount()) === 0, 20_000, 'both acks');
  });

  it('stores for a device that is offline and drains it on the other node', async () => {
    const a = await connect(nodeA, ann.token);
    const frames = [sendFrame(conv), sendFrame(conv), sendFrame(conv)];
    for (const f of frames) a.send(f);
    for (const f of frames) await a.next((x) => x.t === 'sent' && x.id === f.id);
    expect(await mailboxCount()).toBe(3);
    const b = await connect(nodeB, bob.token);
    const got = [];
    for (let i = 0; i < frames.length; i++) got.push(await b.next<MsgFrame>(isMsg));
    await b.next((f) => f.t === 'drained');
    expect(got.map((m) => m.id)).toEqual(frames.map((f) => f.id));
    b.send({ t: 'ack', seqs: got.map((m) => m.seq) });
    await waitFor(async () => (await mailboxCount()) === 0, 20_000, 'the acks');
  });

  it('tells a contact on the other node when someone comes online and goes offline', async () => {
    const b = await connect(nodeB, bob.token);
    await b.next((f) => f.t === 'drained');
    const a = await connect(nodeA, ann.token);
    await b.next((f) => f.t === 'presence' && f.who === ann.publicId && f.online);
    a.close();
    await a.closed();
    await b.next((f) => f.t === 'presence' && f.who === ann.publicId && !f.online);
  });

  it('tells a contact on node B that someone went offline when their node dies (kill -9)', async () => {
    const nodeC = await spawnServer({
      dataDir: db.dataDir,
      databaseUrl: db.url,
      redisUrl: REDIS_TEST_URL,
      env: { KIDTALK_PRESENCE_TTL_SEC: String(PRESENCE_TTL_SEC) },
    });
    const b = await connect(nodeB, bob.token);
    await b.next((f) => f.t === 'drained');
    const a = await connect(nodeC, ann.token);
    await b.next((f) => f.t === 'presence' && f.who === ann.publicId && f.online);
    const killedAt = performance.now();
    await killServer(nodeC); // no close, no disconnect: only the TTL and node B can tell
    await b.next((f) => f.t === 'presence' && f.who === ann.publicId && !f.online, 15_000);
    const tookMs = performance.now() - killedAt;
    // Not before the dead node's counts expire (its last heartbeat was up to a third of a TTL
    // before the kill), and within a few heartbeats after.
    expect(tookMs).toBeGreaterThanOrEqual((PRESENCE_TTL_SEC * 1000 * 2) / 3 - 250);
    expect(tookMs).toBeLessThan(PRESENCE_TTL_SEC * 1000 * 4);
    a.ws.terminate();
    // Once, from one node: no second "offline" follows (next() took the first one out).
    await new Promise((r) => setTimeout(r, PRESENCE_TTL_SEC * 1000));
    b.send({ t: 'ping', id: 7 });
    await b.next((f) => f.t === 'pong' && f.id === 7);
    expect(b.frames.filter((f) => f.t === 'presence' && f.who === ann.publicId)).toEqual([]);
  });

  it('closes a device’s socket on node B with 4005 when its session is revoked on node A', async () => {
    const eve = await signUpOverHttp(nodeA, 'Eve', undefined, ip);
    const s = await connect(nodeB, eve.token);
    const list = await httpJson(nodeA.url, {
      method: 'GET',
      path: '/v1/sessions',
      token: eve.token,
    });
    expect(list.status).toBe(200);
    const sessions = (list.body as { sessions: { id: string }[] }).sessions;
    expect(sessions).toHaveLength(1);
    const del = await httpJson(nodeA.url, {
      method: 'DELETE',
      path: `/v1/sessions/${sessions[0]!.id}`,
      token: eve.token,
    });
    expect(del.status).toBe(204);
    expect(await s.closed()).toBe(CloseCode.Revoked);
  });

  // Last: it severs Ann and Bob.
  it('stops delivery from node A as soon as the recipient blocks on node B', async () => {
    const b = await connect(nodeB, bob.token);
    await b.next((f) => f.t === 'drained');
    const a = await connect(nodeA, ann.token);
    // Node A now holds Ann's route to Bob in its cache; only the bus can tell it otherwise.
    const before = sendFrame(conv);
    a.send(before);
    const first = await b.next<MsgFrame>((f) => isMsg(f) && f.id === before.id);
    b.send({ t: 'ack', seqs: [first.seq] });

    const block = await httpJson(nodeB.url, {
      method: 'POST',
      path: '/v1/blocks',
      token: bob.token,
      body: { publicId: ann.publicId },
      localAddress: ip,
    });
    expect(block.status, JSON.stringify(block.body)).toBe(201);
    const after = sendFrame(conv);
    a.send(after);
    // Node A must already know: a stale cached route would relay to Bob, or (with the
    // direct conversation gone) fail its insert as INTERNAL. The answer is the same as for a
    // conversation that does not exist, or a silent `sent`.
    const answer = await a.next((f) => 'id' in f && f.id === after.id);
    if (answer.t !== 'sent') expect(answer).toMatchObject({ t: 'error', code: 'NOT_FOUND' });
    b.send({ t: 'ping', id: 1 });
    await b.next((f) => f.t === 'pong' && f.id === 1);
    expect(
      b.frames.filter((f) => isMsg(f) && f.kind === 'app' && f.from === ann.accountId),
    ).toEqual([]);
    // Nor is anything left waiting for Bob's next connection, on either node.
    b.close();
    await b.closed();
    const b2 = await connect(nodeA, bob.token);
    await b2.next((f) => f.t === 'drained');
    b2.send({ t: 'ping', id: 2 });
    await b2.next((f) => f.t === 'pong' && f.id === 2);
    expect(b2.frames.filter((f) => isMsg(f) && f.kind === 'app')).toEqual([]);
  });
});
