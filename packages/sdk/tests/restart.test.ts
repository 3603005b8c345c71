import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveServer } from '../../server/tests/support/live-server.js';
import { startLiveServer } from '../../server/tests/support/live-server.js';
import { TestSocket } from '../../server/tests/support/ws-client.js';
import type { KidTalkClient, ReceivedMessage, SentMessage } from '../src/index.js';
import { FileStore } from '../src/node.js';
import type { ClientOptions } from './support/sdk-flows.js';
import { befriend, openClient, openDirectJoined, signedIn, until } from './support/sdk-flows.js';

const textOf = (m: ReceivedMessage) => (m.body.content.type === 'text' ? m.body.content.text : '');

/**
 * The server goes away and comes back on the same database and port, as after a crash and
 * restart; the clients keep their URL and reconnect on their own.
 */
describe('SDK across server restarts (sqlite)', () => {
  let live: LiveServer;
  let url: string;
  let ann: KidTalkClient;
  let bob: KidTalkClient;
  let annStore: FileStore;
  let conv: string;
  const bobGot: ReceivedMessage[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'kidtalk-sdk-restart-'));
  // Clients follow whichever server is current.
  const opts = (o: ClientOptions = {}): ClientOptions => ({
    url,
    now: () => live.clock.now(),
    ...o,
  });

  const restart = async () => {
    await live.server.stop();
    live = await startLiveServer('sqlite', { KIDTALK_PORT: new URL(url).port }, { db: live.db });
  };

  beforeAll(async () => {
    live = await startLiveServer('sqlite');
    url = live.url;
    annStore = await FileStore.open(join(dir, 'ann'));
    ann = await signedIn(live, 'Ann', opts({ store: annStore }));
    bob = await signedIn(live, 'Bob', opts());
    await befriend(ann, bob);
    bob.on('message', (m) => bobGot.push(m));
    await Promise.all([ann.connect(), bob.connect()]);
    conv = await openDirectJoined(ann, bob);
  });

  afterAll(async () => {
    await ann?.close();
    await bob?.close();
    await annStore?.close();
    await live?.close();
  });

  it('a restart in the middle of a burst: every acknowledged message arrives exactly once', async () => {
    const before = bobGot.length;
    const N = 400;
    const acked: SentMessage[] = [];
    const queued = [];
    for (let i = 0; i < N; i++) {
      const q = await ann.enqueue(conv, { type: 'text', text: `burst ${i}` });
      void q.sent.then((s) => acked.push(s));
      queued.push(q);
      if (i === 150) await restart(); // later sends wait in the outbox until the socket is back
    }
    await Promise.all(queued.map((q) => q.sent));
    expect(acked).toHaveLength(N);
    await until(() => bobGot.length >= before + N);
    const burst = bobGot.slice(before);
    expect(burst).toHaveLength(N);
    expect(new Set(burst.map((m) => m.clientMsgId))).toEqual(
      new Set(acked.map((s) => s.clientMsgId)),
    );
    expect(new Set(burst.map(textOf)).size).toBe(N);
  });

  it('a client restarted while the server is down resends its outbox with the same ids', async () => {
    await live.server.stop();
    const texts = ['one', 'two', 'three', 'four', 'five'];
    for (const t of texts) await ann.enqueue(conv, { type: 'text', text: t });
    const ids = ann.pendingMessages().map((e) => e.id);
    expect(ids).toHaveLength(5);
    await ann.close(); // the app is killed with messages unacknowledged
    await annStore.close();

    live = await startLiveServer('sqlite', { KIDTALK_PORT: new URL(url).port }, { db: live.db });
    annStore = await FileStore.open(join(dir, 'ann'));
    ann = await openClient(live, opts({ store: annStore }));
    expect(ann.pendingMessages().map((e) => e.id)).toEqual(ids);
    const sent: string[] = [];
    ann.on('sent', (s) => sent.push(s.clientMsgId));
    const before = bobGot.length;
    await ann.connect();
    await until(() => sent.length === 5);
    expect(sent).toEqual(ids);
    await until(() => bobGot.length >= before + 5);
    expect(bobGot.slice(before).map(textOf)).toEqual(texts);
    expect(bobGot.slice(before).map((m) => m.clientMsgId)).toEqual(ids);
  });

  it('stops without retrying when another socket replaces this device (4001)', async () => {
    await ann.ready();
    const ended = ann.once('session');
    const intruder = await TestSocket.connect(live.url, ann.session!.token);
    expect(await ended).toMatchObject({ reason: 'replaced', closeCode: 4001 });
    expect(ann.connected).toBe(false);
    intruder.close();
  });
});
