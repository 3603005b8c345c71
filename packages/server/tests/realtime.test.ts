import { countersign } from '@kidtalk/crypto';
import type { MsgFrame, SentFrame } from '@kidtalk/protocol';
import { CloseCode, PROTOCOL_VERSION } from '@kidtalk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import type { Adult } from './support/flows.js';
import { createChild, linkChildDevice, signUpAdult } from './support/flows.js';
import { createConversation } from './support/mls-flows.js';
import type { LiveServer } from './support/live-server.js';
import { startLiveServer } from './support/live-server.js';
import { befriend, conversationOf, sendFrame, rowCount } from './support/realtime-flows.js';
import { TestSocket } from './support/ws-client.js';

const DIALECTS = await testDialects();
const isMsg = (f: { t: string }) => f.t === 'msg';

describe.each(DIALECTS)('realtime relay on %s', (dialect) => {
  let h: LiveServer;
  let ann: Adult;
  let bob: Adult;
  let carl: Adult;
  let conv: string;
  const sockets: TestSocket[] = [];
  const connect = async (token: string) => {
    const s = await TestSocket.connect(h.url, token);
    sockets.push(s);
    return s;
  };
  const mailboxCount = () => rowCount(h, 'mailbox_entries');
  /** Sends one message and has it arrive at each of `to`, then acknowledged by each. */
  const relayed = async (
    from: TestSocket,
    fromId: string,
    conversation: string,
    to: TestSocket[],
  ) => {
    const m = sendFrame(conversation);
    from.send(m);
    for (const s of to) {
      // Well inside the route cache's 20 s TTL: a device or member the sender's cached route
      // did not list gets it only if the change that added it dropped that route.
      const got = await s.next<MsgFrame>((x) => x.t === 'msg' && x.id === m.id, 5_000);
      expect(got).toMatchObject({ from: fromId, body: m.body });
      s.send({ t: 'ack', seqs: [got.seq] });
    }
    await expect.poll(mailboxCount).toBe(0);
  };

  beforeAll(async () => {
    h = await startLiveServer(dialect);
    ann = await signUpAdult(h, 'Ann');
    bob = await signUpAdult(h, 'Bob');
    carl = await signUpAdult(h, 'Carl');
    await befriend(h, ann.accountId, bob.accountId);
    conv = await conversationOf(h, [ann.accountId, bob.accountId]);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await h.close();
  });

  it('relays to an online device, acks the sender with a valid countersignature, deletes on ack (P3)', async () => {
    const a = await connect(ann.token);
    const b = await connect(bob.token);
    await b.next((f) => f.t === 'drained');
    const frame = sendFrame(conv);
    a.send(frame);
    const sent = await a.next<SentFrame>((f) => f.t === 'sent' && f.id === frame.id);
    const msg = await b.next<MsgFrame>(isMsg);
    expect(msg).toMatchObject({
      kind: 'app',
      conv,
      from: ann.accountId,
      id: frame.id,
      body: frame.body,
      frank: frame.frank,
      sig: sent.sig,
      ts: sent.ts,
    });
    const expected = countersign(h.ctx.secrets.frankingKey, {
      frankTag: Buffer.from(frame.frank, 'base64url'),
      sender: { accountId: ann.accountId, deviceId: msg.dev },
      conversationId: conv,
      serverTime: sent.ts,
    });
    expect(Buffer.from(expected).toString('base64url')).toBe(sent.sig);
    expect(await mailboxCount()).toBe(1);
    b.send({ t: 'ack', seqs: [msg.seq] });
    await expect.poll(mailboxCount).toBe(0);
    a.close();
    b.close();
  });

  it('delivers at once to a device signed in after the sender’s route was cached', async () => {
    // Accounts of its own: a second device for Bob would change what later tests expect.
    const dan = await signUpAdult(h, 'Dan');
    const eve = await signUpAdult(h, 'Eve');
    await befriend(h, dan.accountId, eve.accountId);
    const conv = await conversationOf(h, [dan.accountId, eve.accountId]);
    const a = await connect(dan.token);
    const b1 = await connect(eve.token);
    await b1.next((f) => f.t === 'drained');
    await relayed(a, dan.accountId, conv, [b1]);
    // Eve signs in on a second device: the route cached for Dan lists only her first.
    const again = await signUpAdult(h, 'Eve', eve.phone);
    expect(again.accountId).toBe(eve.accountId);
    const b2 = await connect(again.token);
    await b2.next((f) => f.t === 'drained');
    await relayed(a, dan.accountId, conv, [b2, b1]);
    for (const s of [a, b1, b2]) s.close();
  });

  it('delivers at once to a member added after the sender’s route was cached', async () => {
    const [dan, eve, fay] = [
      await signUpAdult(h, 'Dan'),
      await signUpAdult(h, 'Eve'),
      await signUpAdult(h, 'Fay'),
    ];
    const created = await createConversation(h, dan, [eve]);
    expect(created.statusCode, created.body).toBe(201);
    const group = created.json<{ id: string }>().id;
    const a = await connect(dan.token);
    const e = await connect(eve.token);
    const f = await connect(fay.token);
    await f.next((x) => x.t === 'drained');
    await relayed(a, dan.accountId, group, [e]);
    const added = await h.request({
      method: 'POST',
      url: `/v1/conversations/${group}/members`,
      token: eve.token,
      body: { publicIds: [fay.publicId] },
    });
    expect(added.statusCode, added.body).toBe(200);
    await relayed(a, dan.accountId, group, [f, e]);
    for (const s of [a, e, f]) s.close();
  });

  it('stores for an offline device and drains in order, then says drained', async () => {
    const a = await connect(ann.token);
    const frames = [sendFrame(conv), sendFrame(conv), sendFrame(conv)];
    for (const f of frames) a.send(f);
    for (const f of frames) await a.next((x) => x.t === 'sent' && x.id === f.id);
    const b = await connect(bob.token);
    const got = [
      await b.next<MsgFrame>(isMsg),
      await b.next<MsgFrame>(isMsg),
      await b.next<MsgFrame>(isMsg),
    ];
    expect(got.map((m) => m.id)).toEqual(frames.map((f) => f.id));
    await b.next((f) => f.t === 'drained');
    b.send({ t: 'ack', seqs: got.map((m) => m.seq) });
    await expect.poll(mailboxCount).toBe(0);
    a.close();
    b.close();
  });

  it('delivers again after a socket closed before acking', async () => {
    const a = await connect(ann.token);
    const b1 = await connect(bob.token);
    const frame = sendFrame(conv);
    a.send(frame);
    const first = await b1.next<MsgFrame>(isMsg);
    b1.close();
    await b1.closed();
    const b2 = await connect(bob.token);
    const again = await b2.next<MsgFrame>(isMsg);
    expect(again.id).toBe(frame.id);
    expect(again.seq).toBe(first.seq);
    b2.send({ t: 'ack', seqs: [again.seq] });
    await expect.poll(mailboxCount).toBe(0);
    a.close();
    b2.close();
  });

  it('makes one copy of a message sent 100 times at once with the same clientMsgId', async () => {
    const a = await connect(ann.token);
    const frame = sendFrame(conv);
    for (let i = 0; i < 100; i++) a.send(frame);
    const acks: SentFrame[] = [];
    for (let i = 0; i < 100; i++)
      acks.push(await a.next<SentFrame>((f) => f.t === 'sent' && f.id === frame.id));
    expect(new Set(acks.map((x) => x.sig)).size).toBe(1);
    expect(await mailboxCount()).toBe(1);
    const b = await connect(bob.token);
    const m = await b.next<MsgFrame>(isMsg);
    await b.next((f) => f.t === 'drained');
    expect((await b.quiet()).filter(isMsg)).toHaveLength(0);
    b.send({ t: 'ack', seqs: [m.seq] });
    await expect.poll(mailboxCount).toBe(0);
    a.close();
    b.close();
  });

  it('answers a non-member exactly as it answers a conversation that does not exist', async () => {
    const c = await connect(carl.token);
    const f1 = sendFrame(conv);
    const f2 = sendFrame('no-such-conversation');
    c.send(f1);
    c.send(f2);
    const e1 = await c.next((f) => f.t === 'error' && 'id' in f && f.id === f1.id);
    const e2 = await c.next((f) => f.t === 'error' && 'id' in f && f.id === f2.id);
    expect({ ...e1, id: 'x' }).toEqual({ ...e2, id: 'x' });
    expect(e1).toMatchObject({ code: 'NOT_FOUND' });
    expect(await mailboxCount()).toBe(0);
    c.close();
  });

  it('bounds unacknowledged deliveries per socket and sends the rest as acks free the window', async () => {
    const a = await connect(ann.token);
    const frames = Array.from({ length: 150 }, () => sendFrame(conv));
    for (const f of frames) a.send(f);
    for (const f of frames) await a.next((x) => x.t === 'sent' && x.id === f.id);
    const b = await connect(bob.token);
    const ready = b.frames.length; // frames may already be arriving
    void ready;
    const first: MsgFrame[] = [];
    for (let i = 0; i < 64; i++) first.push(await b.next<MsgFrame>(isMsg));
    expect((await b.quiet()).filter(isMsg)).toHaveLength(0);
    b.send({ t: 'ack', seqs: first.map((m) => m.seq) });
    const rest: MsgFrame[] = [];
    while (rest.length < 86) {
      const m = await b.next<MsgFrame>(isMsg);
      rest.push(m);
      if (rest.length % 64 === 0) b.send({ t: 'ack', seqs: rest.slice(-64).map((x) => x.seq) });
    }
    await b.next((f) => f.t === 'drained');
    expect([...first, ...rest].map((m) => m.id)).toEqual(frames.map((f) => f.id));
    b.send({ t: 'ack', seqs: rest.map((m) => m.seq) });
    await expect.poll(mailboxCount).toBe(0);
    a.close();
    b.close();
  });

  it('delivers ephemeral frames to online devices only and never stores them', async () => {
    const a = await connect(ann.token);
    const b = await connect(bob.token);
    await b.next((f) => f.t === 'drained');
    const typing = sendFrame(conv, { eph: true });
    a.send(typing);
    const m = await b.next<MsgFrame>(isMsg);
    expect(m).toMatchObject({ seq: 0, eph: true, id: typing.id });
    expect(await mailboxCount()).toBe(0);
    b.close();
    await b.closed();
    a.send(sendFrame(conv, { eph: true }));
    await a.next((f) => f.t === 'sent');
    expect(await mailboxCount()).toBe(0);
    a.close();
  });

  it('replaces a device’s first socket when it opens a second', async () => {
    const b1 = await connect(bob.token);
    const b2 = await connect(bob.token);
    expect(await b1.closed()).toBe(CloseCode.Replaced);
    const a = await connect(ann.token);
    const f = sendFrame(conv);
    a.send(f);
    const m = await b2.next<MsgFrame>(isMsg);
    b2.send({ t: 'ack', seqs: [m.seq] });
    await expect.poll(mailboxCount).toBe(0);
    a.close();
    b2.close();
  });

  it('closes a device’s socket at once when its session is revoked', async () => {
    const extra = await signUpAdult(h, 'Eve');
    const s = await connect(extra.token);
    const list = await h.request({ method: 'GET', url: '/v1/sessions', token: extra.token });
    const del = await h.request({
      method: 'DELETE',
      url: `/v1/sessions/${list.json().sessions[0].id}`,
      token: extra.token,
    });
    expect(del.statusCode).toBe(204);
    expect(await s.closed()).toBe(CloseCode.Revoked);
  });

  it('tells approved contacts, and only them, who is online', async () => {
    const b = await connect(bob.token);
    const c = await connect(carl.token);
    const a = await connect(ann.token);
    const annPublic = ann.publicId;
    await b.next((f) => f.t === 'presence' && f.who === annPublic && f.online);
    a.close();
    await b.next((f) => f.t === 'presence' && f.who === annPublic && !f.online);
    expect((await c.quiet()).filter((f) => f.t === 'presence')).toHaveLength(0);
    b.close();
    c.close();
  });

  it('refuses sockets without hello, with a bad token or an old protocol, and bad origins', async () => {
    const s1 = await TestSocket.open(h.url);
    s1.send({ t: 'send', id: 'xxxxxxxx', conv, epoch: 1, body: '', frank: '' });
    expect(await s1.closed()).toBe(CloseCode.Unauthenticated);
    const s2 = await TestSocket.open(h.url);
    s2.send({ t: 'hello', v: PROTOCOL_VERSION, token: 'x'.repeat(43) });
    expect(await s2.closed()).toBe(CloseCode.Unauthenticated);
    const s3 = await TestSocket.open(h.url);
    s3.send({ t: 'hello', v: PROTOCOL_VERSION + 1, token: ann.token });
    expect(await s3.closed()).toBe(CloseCode.UnsupportedVersion);
    await expect(TestSocket.open(h.url, { origin: 'https://evil.example' })).rejects.toThrow('403');
  });

  it('answers malformed frames with typed errors and closes on oversized ones', async () => {
    const a = await connect(ann.token);
    a.send('{not json');
    expect(await a.next((f) => f.t === 'error')).toMatchObject({ code: 'MALFORMED_JSON' });
    a.send({ t: 'launch-missiles' });
    expect(await a.next((f) => f.t === 'error')).toMatchObject({ code: 'INVALID_REQUEST' });
    a.send({ ...sendFrame(conv), extra: 1 });
    expect(await a.next((f) => f.t === 'error')).toMatchObject({ code: 'INVALID_REQUEST' });
    a.send({ ...sendFrame(conv), frank: 'AAAA' });
    expect(await a.next((f) => f.t === 'error')).toMatchObject({ code: 'INVALID_REQUEST' });
    a.send('x'.repeat(200 * 1024));
    expect(await a.closed()).toBe(CloseCode.TooBig);
    expect(await mailboxCount()).toBe(0);
  });

  it('answers NOT_FOUND, not INTERNAL, when a cached conversation ended meanwhile, without failing others', async () => {
    const doomed = await conversationOf(h, [ann.accountId, bob.accountId]);
    const a = await connect(ann.token);
    const warm = sendFrame(doomed);
    a.send(warm);
    await a.next((x) => x.t === 'sent' && x.id === warm.id); // the route is cached now
    await h.ctx.db.db.deleteFrom('conversations').where('id', '=', doomed).execute();
    const lost = sendFrame(doomed);
    const fine = sendFrame(conv);
    a.send(lost);
    a.send(fine);
    expect(await a.next((x) => 'id' in x && x.id === lost.id)).toMatchObject({
      t: 'error',
      code: 'NOT_FOUND',
    });
    expect(await a.next((x) => 'id' in x && x.id === fine.id)).toMatchObject({ t: 'sent' });
    const b = await connect(bob.token);
    const m = await b.next<MsgFrame>(isMsg);
    expect(m.id).toBe(fine.id);
    b.send({ t: 'ack', seqs: [m.seq] });
    await expect.poll(mailboxCount).toBe(0);
    a.close();
    b.close();
  });

  it('takes frames pipelined right behind hello, in order', async () => {
    const s = await TestSocket.open(h.url);
    sockets.push(s);
    const f1 = sendFrame(conv);
    const f2 = sendFrame(conv);
    s.send({ t: 'hello', v: PROTOCOL_VERSION, token: ann.token });
    s.send(f1);
    s.send(f2);
    await s.next((x) => x.t === 'ready');
    expect(await s.next((x) => x.t === 'sent' && x.id === f1.id)).toBeTruthy();
    expect(await s.next((x) => x.t === 'sent' && x.id === f2.id)).toBeTruthy();
    const b = await connect(bob.token);
    const got = [await b.next<MsgFrame>(isMsg), await b.next<MsgFrame>(isMsg)];
    expect(got.map((m) => m.id)).toEqual([f1.id, f2.id]);
    b.send({ t: 'ack', seqs: got.map((m) => m.seq) });
    await expect.poll(mailboxCount).toBe(0);
    s.close();
    b.close();
  });

  it('purges what no device acknowledged within 15 days, and no sooner (P4)', async () => {
    const { RetentionJob } = await import('../src/jobs/retention-job.js');
    const { DAY } = await import('../src/clock.js');
    const job = new RetentionJob(h.ctx.db, h.clock, h.ctx.logger, {
      undeliveredMs: h.ctx.config.undeliveredRetentionMs,
    });
    const a = await connect(ann.token);
    const f = sendFrame(conv);
    a.send(f);
    await a.next((x) => x.t === 'sent' && x.id === f.id);
    h.clock.advance(15 * DAY - 1);
    await job.runOnce();
    expect(await mailboxCount()).toBe(1);
    h.clock.advance(1);
    const report = await job.runOnce();
    expect(report['mailbox_entries.undelivered']).toBe(1);
    expect(await mailboxCount()).toBe(0);
    const b = await connect(bob.token);
    await b.next((x) => x.t === 'drained');
    expect((await b.quiet()).filter(isMsg)).toHaveLength(0);
    a.close();
    b.close();
  });

  it('counts interactions per contact pair and feature, never content (P7)', async () => {
    await h.server.realtime.interactions.flush();
    const before = await h.ctx.db.db
      .selectFrom('interaction_counts')
      .selectAll()
      .where('account_id', '=', ann.accountId)
      .where('peer_id', '=', bob.accountId)
      .executeTakeFirst();
    const a = await connect(ann.token);
    const frames = [sendFrame(conv), sendFrame(conv)];
    for (const f of frames) a.send(f);
    for (const f of frames) await a.next((x) => x.t === 'sent' && x.id === f.id);
    await h.server.realtime.interactions.flush();
    const row = await h.ctx.db.db
      .selectFrom('interaction_counts')
      .selectAll()
      .where('account_id', '=', ann.accountId)
      .where('peer_id', '=', bob.accountId)
      .executeTakeFirstOrThrow();
    expect(row.feature).toBe('message');
    expect(row.count).toBe((before?.count ?? 0) + 2);
    expect(Object.keys(row).sort()).toEqual([
      'account_id',
      'count',
      'feature',
      'last_at',
      'peer_id',
    ]);
    // The guardian's view of a child's contacts reads these counts through InteractionStore.
    const { InteractionStore } = await import('../src/stores/interaction-store.js');
    const seen = await new InteractionStore(h.ctx.db.db).between(bob.accountId);
    expect(seen.summary(ann.accountId).messagesReceived).toBe(row.count);
    expect(seen.summary(ann.accountId).messagesSent).toBe(0);
    const b = await connect(bob.token);
    const got = [await b.next<MsgFrame>(isMsg), await b.next<MsgFrame>(isMsg)];
    b.send({ t: 'ack', seqs: got.map((m) => m.seq) });
    await expect.poll(mailboxCount).toBe(0);
    a.close();
    b.close();
  });

  it('drops queued messages and stops delivery at once when the contact is severed', async () => {
    const dan = await signUpAdult(h, 'Dan');
    const mum = await signUpAdult(h, 'Mum');
    const kid = await createChild(h, mum);
    const kidToken = await linkChildDevice(h, mum, kid);
    await befriend(h, dan.accountId, kid.id);
    const c2 = await conversationOf(h, [dan.accountId, kid.id]);
    const d = await connect(dan.token);
    const f = sendFrame(c2);
    d.send(f);
    await d.next((x) => x.t === 'sent' && x.id === f.id);
    expect(await mailboxCount()).toBe(1);
    const { ContactStore } = await import('../src/stores/contact-store.js');
    await new ContactStore(h.ctx.db.db).removePair(dan.accountId, kid.id);
    await h.ctx.contactEvents.severed(dan.accountId, kid.id);
    expect(await mailboxCount()).toBe(0);
    const after = sendFrame(c2);
    d.send(after);
    await d.next((x) => 'id' in x && x.id === after.id);
    const k = await connect(kidToken);
    await k.next((x) => x.t === 'drained');
    expect((await k.quiet()).filter(isMsg)).toHaveLength(0);
    expect(await mailboxCount()).toBe(0);
    d.close();
    k.close();
  });
});
