import type { SendFrame } from '@kidtalk/protocol';
import { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import { nextPhone } from '../../server/tests/support/flows.js';
import { KidTalkError } from '../src/errors.js';
import type { ClientStore, OutboxEntry, ReceivedMessage } from '../src/index.js';
import { KidTalkClient as Client, LocalMarks, MemoryStore } from '../src/index.js';
import { failedKey, OUTBOX_PREFIX, Outbox } from '../src/outbox.js';
import { set } from '../src/store/client-store.js';
import { useLiveClients } from './support/live-clients.js';
import {
  befriend,
  FAST_BACKOFF,
  openDirectJoined,
  signInWith,
  until,
} from './support/sdk-flows.js';
import { testDialects } from '../../server/tests/support/databases.js';

const DIALECTS = await testDialects();

const entry = (id: string, content: OutboxEntry['content']): OutboxEntry => ({
  id,
  conv: 'c0ffee',
  epoch: 1,
  body: 'AAAA',
  frank: 'BBBB',
  order: 0,
  content,
});

describe('outbox: a permanent refusal', () => {
  const refuse = (id: string, code = 'NOT_FOUND') =>
    new KidTalkError(code, 'refused', { clientMsgId: id });

  it('records a refused text as failed, in the write that drops it from the outbox', async () => {
    const store = new MemoryStore();
    const box = new Outbox(
      store,
      () => true,
      8,
      () => undefined,
      () => undefined,
    );
    for (const [id, type] of [
      ['m-text0001', 'text'],
      ['m-rcpt0001', 'receipt'],
    ] as const) {
      await store.write([set(OUTBOX_PREFIX + id, entry(id, type))]);
      box.add(entry(id, type));
    }
    const sent = box.wait('m-text0001');
    expect(await box.onError(refuse('m-text0001'))).toBe(true);
    await expect(sent).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await store.get(failedKey('c0ffee', 'm-text0001'))).toEqual({
      conversationId: 'c0ffee',
      clientMsgId: 'm-text0001',
      code: 'NOT_FOUND',
    });
    // A receipt is no bubble: nothing to show as "not sent".
    await box.onError(refuse('m-rcpt0001'));
    expect(await store.get(failedKey('c0ffee', 'm-rcpt0001'))).toBeUndefined();
    expect(await store.keys(OUTBOX_PREFIX)).toEqual([]);
  });

  it('keeps a retryable error queued and records nothing', async () => {
    const store = new MemoryStore();
    const box = new Outbox(
      store,
      () => true,
      8,
      () => undefined,
      () => undefined,
    );
    await store.write([set(OUTBOX_PREFIX + 'm-text0002', entry('m-text0002', 'text'))]);
    box.add(entry('m-text0002', 'text'));
    await box.onError(new KidTalkError('RATE_LIMITED', 'slow down', { clientMsgId: 'm-text0002' }));
    expect(box.pending().map((e) => e.id)).toEqual(['m-text0002']);
    expect(await store.keys('failed:')).toEqual([]);
  });
});

describe('local marks', () => {
  it('the read marker only moves forward and survives a new client on the same store', async () => {
    const store = new MemoryStore();
    const marks = new LocalMarks(() => store);
    expect(await marks.readUpTo('conv-a')).toBe(0);
    await Promise.all([marks.markRead('conv-a', 200), marks.markRead('conv-a', 100)]);
    expect(await marks.readUpTo('conv-a')).toBe(200);
    await marks.markRead('conv-a', 150);
    expect(await new LocalMarks(() => store).readUpTo('conv-a')).toBe(200);
    expect(await marks.readUpTo('conv-b')).toBe(0);
  });

  it('keeps a trimmed group name per conversation; an empty name forgets it', async () => {
    const mem = new MemoryStore();
    const marks = new LocalMarks(() => mem);
    await marks.setGroupName('conv-a', '  Football team  ');
    expect(await marks.groupName('conv-a')).toBe('Football team');
    expect(await marks.groupName('conv-b')).toBeUndefined();
    await marks.setGroupName('conv-a', '   ');
    expect(await marks.groupName('conv-a')).toBeUndefined();
  });
});

/** While set, the "server" refuses every send instead of taking it. */
let refusing = false;

/** Node's WebSocket with a server stand-in that refuses chosen sends (fault injection). */
class RefusingWebSocket extends WebSocket {
  override send(data: string): void {
    const frame = JSON.parse(data) as SendFrame;
    if (frame.t === 'send' && refusing) {
      const reply = {
        t: 'error',
        code: 'NOT_FOUND',
        message: 'no such conversation',
        id: frame.id,
      };
      queueMicrotask(() => this.onmessage?.({ data: JSON.stringify(reply) } as never));
      return;
    }
    super.send(data);
  }
}

describe.each(DIALECTS)('a refused send through the SDK (%s)', (dialect) => {
  const suite = useLiveClients(dialect);

  const open = async (store: ClientStore) =>
    suite.track(
      await Client.open({
        server: suite.live.url,
        store,
        now: () => suite.live.clock.now(),
        backoff: FAST_BACKOFF,
        WebSocket: RefusingWebSocket,
      }),
    );

  it('is kept as failed across a restart, and a retry delivers it once under the same id', async () => {
    const { live } = suite;
    const store = new MemoryStore();
    const ann = await open(store);
    const phone = nextPhone();
    await signInWith(live, ann, phone, 'Ann');
    const bob = await suite.signedIn('Bob');
    await befriend(ann, bob);
    await Promise.all([ann.connect(), bob.connect()]);
    const conv = await openDirectJoined(ann, bob);
    const bobGot: ReceivedMessage[] = [];
    bob.on('message', (m) => bobGot.push(m));

    const errors: KidTalkError[] = [];
    ann.on('error', (e) => errors.push(e));
    refusing = true;
    const queued = await ann.enqueue(conv, { type: 'text', text: 'try me again' });
    await expect(queued.sent).rejects.toMatchObject({ code: 'NOT_FOUND' });
    refusing = false;
    expect(errors.map((e) => e.clientMsgId)).toEqual([queued.clientMsgId]);
    expect(await ann.failedMessages(conv)).toEqual([
      { conversationId: conv, clientMsgId: queued.clientMsgId, code: 'NOT_FOUND' },
    ]);
    expect(ann.pendingMessages()).toEqual([]);

    // The app restarts: the mark is still there, beside the message itself.
    await ann.close();
    const again = await open(store);
    expect((await again.failedMessages(conv)).map((f) => f.clientMsgId)).toEqual([
      queued.clientMsgId,
    ]);
    expect((await again.ownMessages(conv)).map((m) => m.clientMsgId)).toEqual([queued.clientMsgId]);
    await again.connect();
    await again.ready();
    const retried = await again.retry(conv, queued.clientMsgId);
    expect(retried.clientMsgId).toBe(queued.clientMsgId);
    expect(await again.failedMessages(conv)).toEqual([]);
    await retried.sent;
    await until(() => bobGot.length === 1);
    expect(bobGot.map((m) => [m.clientMsgId, m.body.content])).toEqual([
      [queued.clientMsgId, { type: 'text', text: 'try me again' }],
    ]);
    // Shown once on the sender's side too, and not retryable a second time.
    expect((await again.ownMessages(conv)).map((m) => m.clientMsgId)).toEqual([queued.clientMsgId]);
    await expect(again.retry(conv, queued.clientMsgId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
