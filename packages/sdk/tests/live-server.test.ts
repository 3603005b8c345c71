import { verifyReport } from '@kidtalk/crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveServer } from '../../server/tests/support/live-server.js';
import { startLiveServer } from '../../server/tests/support/live-server.js';
import { fromB64 } from '../src/encoding.js';
import type { KidTalkClient, ReceivedMessage } from '../src/index.js';
import { FileStore } from '../src/node.js';
import { befriend, openClient, signedIn, until } from './support/sdk-flows.js';
import { testDialects } from '../../server/tests/support/databases.js';

const DIALECTS = await testDialects();

const textOf = (m: ReceivedMessage) => (m.body.content.type === 'text' ? m.body.content.text : '');

describe.each(DIALECTS)('SDK against the real server (%s)', (dialect) => {
  let live: LiveServer;
  let ann: KidTalkClient;
  let bob: KidTalkClient;
  let conv: string;
  const bobGot: ReceivedMessage[] = [];
  const annGot: ReceivedMessage[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'kidtalk-sdk-'));
  let bobStore: FileStore;

  beforeAll(async () => {
    live = await startLiveServer(dialect);
    bobStore = await FileStore.open(join(dir, 'bob'));
    ann = await signedIn(live, 'Ann');
    bob = await signedIn(live, 'Bob', { store: bobStore });
    await befriend(ann, bob);
    bob.on('message', (m) => bobGot.push(m));
    ann.on('message', (m) => annGot.push(m));
    await Promise.all([ann.connect(), bob.connect()]);
    await Promise.all([ann.ready(), bob.ready()]);
  });

  afterAll(async () => {
    await ann?.close();
    await bob?.close();
    await bobStore?.close();
    await live?.close();
  });

  it('creates the MLS group on the creator and the Welcome brings the peer in', async () => {
    const joined = bob.once('conversation', (e) => e.change === 'joined');
    const view = await ann.openDirect(bob.session!.publicId);
    conv = view.id;
    expect((await joined).conversationId).toBe(conv);
    expect(await ann.canSend(conv)).toBe(true);
    expect(await bob.canSend(conv)).toBe(true);
  });

  it('exchanges end-to-end encrypted text both ways, with reportable franking evidence', async () => {
    const sent = await ann.sendText(conv, 'hello bob');
    await until(() => bobGot.length === 1);
    const got = bobGot[0]!;
    expect(textOf(got)).toBe('hello bob');
    expect(got.clientMsgId).toBe(sent.clientMsgId);
    expect(got.senderAccountId).toBe(ann.session!.accountId);
    expect(got.franking.countersig).toBe(sent.countersig);
    // The kept evidence is exactly what the server's report check needs (issue 5).
    expect(
      verifyReport(live.ctx.secrets.frankingKey, {
        frankTag: fromB64(got.franking.frankTag),
        plaintext: fromB64(got.franking.plaintext),
        frankKey: fromB64(got.franking.frankKey),
        countersignature: fromB64(got.franking.countersig),
        sender: { accountId: got.senderAccountId, deviceId: got.senderDeviceId },
        conversationId: conv,
        serverTime: got.serverTime,
      }),
    ).toBe(true);
    await bob.sendText(conv, 'hi ann');
    await until(() => annGot.length === 1);
    expect(textOf(annGot[0]!)).toBe('hi ann');
  });

  it('carries typing (ephemeral), receipts, reactions, stickers and manual locations', async () => {
    const typing = bob.once('typing');
    expect(await ann.sendTyping(conv, 'started')).toBe(true);
    expect((await typing).state).toBe('started');
    const receipt = ann.once('receipt');
    await bob.sendReceipt(conv, 'read', [bobGot[0]!.clientMsgId]);
    expect((await receipt).targets).toEqual([bobGot[0]!.clientMsgId]);
    const before = bobGot.length;
    await ann.react(conv, bobGot[0]!.clientMsgId, '👍');
    await ann.sendSticker(conv, 'animals', 'panda');
    await ann.sendLocation(conv, { placeName: 'School gate' });
    await until(() => bobGot.length === before + 3);
    expect(bobGot.slice(before).map((m) => m.body.content.type)).toEqual([
      'reaction',
      'sticker',
      'location',
    ]);
  });

  it('sends an image attachment: encrypted blob up, key in the message, decrypted down', async () => {
    const before = bobGot.length;
    const pixels = new Uint8Array(5000).map((_, i) => i % 251);
    await ann.sendAttachment(conv, pixels, {
      type: 'image',
      mime: 'image/png',
      width: 10,
      height: 10,
    });
    await until(() => bobGot.length === before + 1);
    const content = bobGot[before]!.body.content;
    if (content.type !== 'image') throw new Error(`got ${content.type}`);
    // Asked twice at once (a re-rendering chat): one download, both answered. The server
    // gives each device a blob once, so a second download would be refused.
    const [first, second] = await Promise.all([
      bob.downloadAttachment(content.attachment),
      bob.downloadAttachment({ ...content.attachment }),
    ]);
    expect(first).toEqual(pixels);
    expect(second).toEqual(pixels);
  });

  it("keeps the sender's own shown messages (attachments still downloadable), not receipts", async () => {
    const own = await ann.ownMessages(conv);
    expect(own.map((m) => m.content.type)).toEqual(['text', 'sticker', 'location', 'image']);
    expect(own.every((m) => m.conversationId === conv)).toBe(true);
    const image = own[3]!.content;
    if (image.type !== 'image') throw new Error(`got ${image.type}`);
    // Bob fetched it, so the server forgot the blob: both sides answer from their own store.
    expect((await ann.downloadAttachment(image.attachment)).length).toBe(5000);
    expect((await bob.downloadAttachment(image.attachment)).length).toBe(5000);
    expect(await bob.ownMessages(conv)).toHaveLength(1); // 'hi ann'; the receipt is not kept
  });

  it('loses nothing and duplicates nothing across server-side socket kills mid-burst', async () => {
    const before = bobGot.length;
    let readies = 0;
    const off = ann.on('connection', (e) => void (e.state === 'ready' && readies++));
    const N = 300;
    const queued = [];
    for (let i = 0; i < N; i++) {
      queued.push(await ann.enqueue(conv, { type: 'text', text: `burst ${i}` }));
      // Kill every socket on the server twice during the burst, like a network cut.
      if (i === 100 || i === 200)
        for (const c of live.server.realtime.gateway.registry.all) c.ws.terminate();
    }
    await Promise.all(queued.map((q) => q.sent));
    await until(() => bobGot.length >= before + N);
    const burst = bobGot.slice(before);
    expect(burst).toHaveLength(N);
    expect(new Set(burst.map((m) => m.clientMsgId)).size).toBe(N);
    expect(new Set(burst.map(textOf))).toEqual(new Set(queued.map((_, i) => `burst ${i}`)));
    expect(ann.pendingMessages()).toEqual([]);
    expect(readies).toBeGreaterThanOrEqual(2); // really reconnected, twice
    off();
  });

  it('a restarted client on the same FileStore keeps its group and history, and dedupes', async () => {
    await bob.close();
    const stored = await bob.messages(conv);
    expect(stored.length).toBe(bobGot.length);
    // Messages sent while bob is away wait in the server's mailbox.
    for (let i = 0; i < 20; i++) await ann.sendText(conv, `while away ${i}`);
    const again = await openClient(live, { store: bobStore });
    const fresh: ReceivedMessage[] = [];
    again.on('message', (m) => fresh.push(m));
    const drained = again.once('drained');
    await again.connect();
    await drained;
    await until(() => fresh.length === 20);
    expect(fresh.map(textOf)).toEqual([...Array(20).keys()].map((i) => `while away ${i}`));
    await again.sendText(conv, 'back');
    await until(() => annGot.some((m) => textOf(m) === 'back'));
    bob = again;
  });
});
