import { randomBytes } from 'node:crypto';
import { commitPendingProposals, createGroup, joinByExternalCommit } from '@kidtalk/crypto';
import type { MsgFrame, ServerFrame } from '@kidtalk/protocol';
import {
  CloseCode,
  PROTOCOL_VERSION,
  PUBLIC_ID_ALPHABET,
  PUBLIC_ID_LENGTH,
  UPLOAD_TOKEN_HEADER,
} from '@kidtalk/protocol';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KidTalkApp } from '../src/api/types.js';
import { reserve, share } from './support/attachment-flows.js';
import { testDialects } from './support/databases.js';
import type { Adult } from './support/flows.js';
import { signUpAdult } from './support/flows.js';
import type { MlsDevice, Seeded } from './support/mls-flows.js';
import { addDevice, b64, mlsDevice, seedAccount } from './support/mls-flows.js';
import type { LiveServer } from './support/live-server.js';
import { startLiveServer } from './support/live-server.js';
import { befriend, sendFrame, rowCount } from './support/realtime-flows.js';
import { waitFor } from './support/server-process.js';
import { TestSocket } from './support/ws-client.js';

/**
 * Issue 4: on the socket and on every conversation and attachment route, someone who is not
 * a member (or not a contact) gets exactly the answer a missing object gets. A stranger
 * cannot tell that a conversation, a member, an attachment or a queued entry exists, and
 * cannot touch one.
 */

const DIALECTS = await testDialects();
type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';

/** A valid ID nobody has: same alphabet and length as real ones. */
const missingId = () => randomBytes(16).toString('hex');
const missingPublicId = () =>
  Array.from(
    { length: PUBLIC_ID_LENGTH },
    () => PUBLIC_ID_ALPHABET[randomBytes(1)[0]! % PUBLIC_ID_ALPHABET.length],
  ).join('');

/** Every (method, path) the router serves, from Fastify's own route tree. */
function registeredRoutes(app: KidTalkApp): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(\S+)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    stack.length = m[1]!.length / 4;
    stack.push(m[2]!);
    for (const method of m[3]?.split(', ') ?? []) out.push({ method, path: stack.join('') });
  }
  return out;
}

interface Fixtures {
  conv: string;
  attachment: string;
  reserved: string;
  ann: Adult;
  bob: Adult;
  /** A child nobody here is a contact of. */
  child: Seeded;
  /** Well-formed MLS commit bodies for a group with the given ID, made by the stranger. */
  commit(groupId: string): Promise<MlsBody>;
  externalCommit(groupId: string): Promise<MlsBody>;
}

interface MlsBody {
  epoch: number;
  commit: string;
  groupInfo: string;
}

interface Probe {
  method: Method;
  path: string;
  /** The same request against the real object and against a missing one. */
  real(f: Fixtures): Req | Promise<Req>;
  missing(f: Fixtures): Req | Promise<Req>;
}

interface Req {
  url: string;
  body?: unknown;
  raw?: Buffer;
  headers?: Record<string, string>;
}

/** Every route under /v1/conversations and /v1/attachments; the table below must match. */
const PROBES: Probe[] = [
  {
    method: 'GET',
    path: '/v1/conversations',
    // No ID in the path: the stranger's list must not mention the conversation.
    real: () => ({ url: '/v1/conversations' }),
    missing: () => ({ url: '/v1/conversations' }),
  },
  {
    method: 'POST',
    path: '/v1/conversations',
    // A child one is not a contact of, or nobody at all: one answer. (Adults may talk to
    // adults without being contacts; a child only with approved contacts.)
    real: (f) => ({
      url: '/v1/conversations',
      body: { kind: 'direct', members: [f.child.publicId] },
    }),
    missing: () => ({
      url: '/v1/conversations',
      body: { kind: 'direct', members: [missingPublicId()] },
    }),
  },
  {
    method: 'GET',
    path: '/v1/conversations/:id',
    real: (f) => ({ url: `/v1/conversations/${f.conv}` }),
    missing: () => ({ url: `/v1/conversations/${missingId()}` }),
  },
  {
    method: 'POST',
    path: '/v1/conversations/:id/members',
    real: (f) => ({
      url: `/v1/conversations/${f.conv}/members`,
      body: { publicIds: [f.bob.publicId] },
    }),
    missing: (f) => ({
      url: `/v1/conversations/${missingId()}/members`,
      body: { publicIds: [f.bob.publicId] },
    }),
  },
  {
    method: 'DELETE',
    path: '/v1/conversations/:id/members/:publicId',
    real: (f) => ({ url: `/v1/conversations/${f.conv}/members/${f.ann.publicId}` }),
    missing: (f) => ({ url: `/v1/conversations/${missingId()}/members/${f.ann.publicId}` }),
  },
  {
    method: 'POST',
    path: '/v1/conversations/:id/commits',
    // Real MLS: malformed bytes are refused before membership is even looked at.
    real: async (f) => ({
      url: `/v1/conversations/${f.conv}/commits`,
      body: await f.commit(f.conv),
    }),
    missing: async (f) => {
      const id = missingId();
      return { url: `/v1/conversations/${id}/commits`, body: await f.commit(id) };
    },
  },
  {
    method: 'GET',
    path: '/v1/conversations/:id/group-info',
    real: (f) => ({ url: `/v1/conversations/${f.conv}/group-info` }),
    missing: () => ({ url: `/v1/conversations/${missingId()}/group-info` }),
  },
  {
    method: 'POST',
    path: '/v1/conversations/:id/external-commits',
    // Real MLS: malformed bytes are refused before membership is even looked at.
    real: async (f) => ({
      url: `/v1/conversations/${f.conv}/external-commits`,
      body: await f.externalCommit(f.conv),
    }),
    missing: async (f) => {
      const id = missingId();
      return { url: `/v1/conversations/${id}/external-commits`, body: await f.externalCommit(id) };
    },
  },
  {
    method: 'POST',
    path: '/v1/attachments',
    real: (f) => ({ url: '/v1/attachments', body: { conversationId: f.conv, size: 16 } }),
    missing: () => ({ url: '/v1/attachments', body: { conversationId: missingId(), size: 16 } }),
  },
  {
    method: 'GET',
    path: '/v1/attachments/:id',
    real: (f) => ({ url: `/v1/attachments/${f.attachment}` }),
    missing: () => ({ url: `/v1/attachments/${missingId()}` }),
  },
  {
    method: 'PUT',
    path: '/v1/attachments/:id',
    // A reserved upload slot: a stranger with a guessed token learns nothing about it.
    real: (f) => ({
      url: `/v1/attachments/${f.reserved}`,
      raw: randomBytes(16),
      headers: { [UPLOAD_TOKEN_HEADER]: 'x'.repeat(43) },
    }),
    missing: () => ({
      url: `/v1/attachments/${missingId()}`,
      raw: randomBytes(16),
      headers: { [UPLOAD_TOKEN_HEADER]: 'x'.repeat(43) },
    }),
  },
];
const ALL_PROBES: Probe[] = [
  ...PROBES,
  ...PROBES.filter((p) => p.method === 'GET').map((p) => ({ ...p, method: 'HEAD' as const })),
];

/** Waits for a socket's close and returns code and reason, both of which must not leak. */
function closeOf(s: TestSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    s.ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
}

describe.each(DIALECTS)('a stranger to a conversation, on %s', (dialect) => {
  let h: LiveServer;
  let f: Fixtures;
  let carl: Adult;
  let mallory: Seeded;
  let conv: string;
  const sockets: TestSocket[] = [];
  const connect = async (token: string) => {
    const s = await TestSocket.connect(h.url, token);
    sockets.push(s);
    return s;
  };
  const open = async () => {
    const s = await TestSocket.open(h.url);
    sockets.push(s);
    return s;
  };
  const mailboxCount = () => rowCount(h, 'mailbox_entries');
  const call = (method: Method, r: Req, token: string): Promise<LightMyRequestResponse> =>
    h.app.inject({
      method,
      url: r.url,
      remoteAddress: '203.0.113.90',
      headers: {
        authorization: `Bearer ${token}`,
        ...(r.body !== undefined && { 'content-type': 'application/json' }),
        ...(r.raw !== undefined && { 'content-type': 'application/octet-stream' }),
        ...r.headers,
      },
      ...(r.body !== undefined && { payload: JSON.stringify(r.body) }),
      ...(r.raw !== undefined && { payload: r.raw }),
    });

  beforeAll(async () => {
    h = await startLiveServer(dialect);
    const ann = await signUpAdult(h, 'Ann');
    const bob = await signUpAdult(h, 'Bob');
    carl = await signUpAdult(h, 'Carl');
    await befriend(h, ann.accountId, bob.accountId);
    const created = await h.request({
      method: 'POST',
      url: '/v1/conversations',
      token: ann.token,
      body: { kind: 'group', members: [bob.publicId] },
    });
    expect(created.statusCode, created.body).toBe(201);
    conv = created.json().id;
    const attachment = await share(h, ann.token, conv, randomBytes(16));
    const reserved = await reserve(h, ann.token, conv, 16);
    expect(reserved.statusCode, reserved.body).toBe(201);
    // The HTTP stranger can make MLS messages of their own, for groups of any ID.
    mallory = await seedAccount(h);
    const dev: MlsDevice = await mlsDevice(h, mallory);
    const other: MlsDevice = await mlsDevice(h, await addDevice(h, mallory));
    const hex = (id: string) => new Uint8Array(Buffer.from(id, 'hex'));
    const ownCommit = async (groupId: string) => {
      const group = await createGroup(dev.crypto, dev.identity, { groupId: hex(groupId) });
      return commitPendingProposals(dev.crypto, group);
    };
    f = {
      conv,
      attachment,
      reserved: reserved.json().id,
      ann,
      bob,
      child: await seedAccount(h, 'child'),
      commit: async (groupId) => {
        const p = await ownCommit(groupId);
        p.discard(); // the server never takes it; the next probe may reuse the group ID
        return { epoch: Number(p.fromEpoch), commit: b64(p.commit), groupInfo: b64(p.groupInfo) };
      },
      externalCommit: async (groupId) => {
        const own = await ownCommit(groupId);
        own.discard();
        const p = await joinByExternalCommit(other.crypto, other.identity, own.groupInfo);
        p.discard();
        return { epoch: Number(p.fromEpoch), commit: b64(p.commit), groupInfo: b64(p.groupInfo) };
      },
    };
  });
  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await h?.close();
  });

  it('every conversation and attachment route is probed, and only those', () => {
    const served = registeredRoutes(h.app)
      .filter((r) => /^\/v1\/(conversations|attachments)(\/|$)/.test(r.path))
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    // The parse found the routes it must find, so it cannot pass by finding none.
    expect(served).toContain('GET /v1/conversations/:id');
    expect(served).toContain('PUT /v1/attachments/:id');
    expect(ALL_PROBES.map((p) => `${p.method} ${p.path}`).sort()).toEqual(served);
  });

  it.each(ALL_PROBES.map((p) => [`${p.method} ${p.path}`, p] as const))(
    '%s answers a stranger as if the object did not exist',
    async (_name, p) => {
      const real = await call(p.method, await p.real(f), mallory.token);
      const missing = await call(p.method, await p.missing(f), mallory.token);
      expect({ status: real.statusCode, body: real.body }).toEqual({
        status: missing.statusCode,
        body: missing.body,
      });
      if (p.path === '/v1/conversations' && p.method === 'GET') {
        expect(real.json()).toEqual({ conversations: [] });
      } else if (p.method !== 'HEAD') {
        expect(real.statusCode, real.body).toBe(404);
      }
    },
  );

  it('the stranger’s probes changed nothing a member can see', async () => {
    // Control: the objects are real and the members still have them as they were.
    const view = await h.request({
      method: 'GET',
      url: `/v1/conversations/${conv}`,
      token: f.ann.token,
    });
    expect(view.statusCode, view.body).toBe(200);
    expect(
      view
        .json()
        .members.map((m: { publicId: string }) => m.publicId)
        .sort(),
    ).toEqual([f.ann.publicId, f.bob.publicId].sort());
    const got = await h.request({
      method: 'GET',
      url: `/v1/attachments/${f.attachment}`,
      token: f.bob.token,
    });
    expect(got.statusCode).toBe(200);
  });

  it('hello: a revoked session and a made-up token are refused identically', async () => {
    const dora = await signUpAdult(h, 'Dora');
    const list = await h.request({ method: 'GET', url: '/v1/sessions', token: dora.token });
    const del = await h.request({
      method: 'DELETE',
      url: `/v1/sessions/${list.json().sessions[0].id}`,
      token: dora.token,
    });
    expect(del.statusCode).toBe(204);
    const answers = [];
    for (const token of [dora.token, 'x'.repeat(43), carl.token.slice(0, -2) + 'AA']) {
      const s = await open();
      const closed = closeOf(s);
      s.send({ t: 'hello', v: PROTOCOL_VERSION, token });
      answers.push({ ...(await closed), frames: s.frames });
    }
    expect(answers[0]).toMatchObject({ code: CloseCode.Unauthenticated, frames: [] });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it('send: a conversation one is not in is answered like a random ID, stored or ephemeral', async () => {
    const c = await connect(carl.token);
    const before = await mailboxCount();
    for (const extra of [{}, { eph: true }]) {
      const real = sendFrame(conv, extra);
      const fake = sendFrame(missingId(), extra);
      c.send(real);
      c.send(fake);
      const e1 = await c.next((x) => 'id' in x && x.id === real.id);
      const e2 = await c.next((x) => 'id' in x && x.id === fake.id);
      expect(e1).toMatchObject({ t: 'error', code: 'NOT_FOUND' });
      expect({ ...e1, id: '-' }).toEqual({ ...e2, id: '-' });
    }
    expect(await mailboxCount()).toBe(before);
  });

  it('ping and send before hello: one close, whatever the frame names', async () => {
    const answers = [];
    for (const frame of [
      { t: 'ping', id: 1 },
      sendFrame(conv),
      sendFrame(missingId()),
      { t: 'ack', seqs: [1] },
    ]) {
      const s = await open();
      const closed = closeOf(s);
      s.send(frame);
      answers.push({ ...(await closed), frames: s.frames });
    }
    expect(answers[0]).toMatchObject({ code: CloseCode.Unauthenticated, frames: [] });
    for (const a of answers) expect(a).toEqual(answers[0]);
  });

  it('ack: another device’s seqs delete nothing and answer like seqs that do not exist', async () => {
    const a = await connect(f.ann.token);
    const m = sendFrame(conv);
    a.send(m);
    await a.next((x) => x.t === 'sent' && x.id === m.id);
    const row = await h.ctx.db.db
      .selectFrom('mailbox_entries')
      .select(['seq', 'device_id'])
      .where('client_msg_id', '=', m.id)
      .executeTakeFirstOrThrow();
    const before = await mailboxCount();

    // The stranger, and the sender's own device, ack Bob's entry; then a seq nobody has.
    const c = await connect(carl.token);
    await c.next((x) => x.t === 'drained');
    const heard: ServerFrame[][] = [];
    for (const [s, seqs] of [
      [c, [row.seq]],
      [a, [row.seq]],
      [c, [row.seq + 1_000_000]],
    ] as const) {
      s.frames.splice(0);
      s.send({ t: 'ack', seqs });
      // A ping as a fence: anything the ack caused would come before the pong.
      s.send({ t: 'ping', id: 7 });
      await s.next((x) => x.t === 'pong' && x.id === 7);
      heard.push(s.frames.splice(0));
    }
    expect(heard).toEqual([[], [], []]);
    // Acks are applied in the next turn; a fence on the database side too.
    await new Promise((r) => setImmediate(r));
    await h.server.ctx.mailbox.settle();
    expect(await mailboxCount()).toBe(before);

    // Bob still gets it, under the same seq, and his own ack deletes it.
    const b = await connect(f.bob.token);
    const got = await b.next<MsgFrame>((x) => x.t === 'msg' && x.id === m.id);
    expect(got.seq).toBe(row.seq);
    b.send({ t: 'ack', seqs: [got.seq] });
    await waitFor(async () => (await mailboxCount()) === before - 1, 20_000, 'Bob’s ack');
  });
});
