import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { MessageContent } from '@kidtalk/crypto';
import {
  addMembers,
  createGroup,
  decryptAttachment,
  encryptAttachment,
  encryptMessage,
  joinFromWelcome,
  processIncoming,
} from '@kidtalk/crypto';
import type { MsgFrame } from '@kidtalk/protocol';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, share } from './support/attachment-flows.js';
import { testDialects } from './support/databases.js';
import type { LiveServer } from './support/live-server.js';
import { startLiveServer } from './support/live-server.js';
import type { MlsDevice, Seeded } from './support/mls-flows.js';
import {
  approve,
  b64,
  claim,
  createConversation,
  mlsDevice,
  postCommit,
  seedAccount,
  unb64,
  uploadKeyPackages,
} from './support/mls-flows.js';
import { TestSocket } from './support/ws-client.js';

/**
 * P1: after a scripted end-to-end encrypted conversation between a guardian and a child —
 * text, an image, a voice note, a hand-typed location, and a reply — no plaintext appears in
 * any table, any stored blob, or any log line, while messages wait and after they are acked.
 */
const DIALECTS = await testDialects();
const mark = (what: string) => `SECRET-${what}-${randomBytes(6).toString('hex')}`;

describe.each(DIALECTS)('no plaintext on the server (P1) on %s', (dialect) => {
  let h: LiveServer;
  let mum: Seeded;
  let kid: Seeded;
  let mumDev: MlsDevice;
  let kidDev: MlsDevice;
  let conv: string;
  const secrets = {
    text: mark('TEXT') + ' 你好',
    image: mark('IMAGE'),
    voice: mark('VOICE'),
    place: mark('PLACE'),
    reply: mark('REPLY'),
    coordinates: '31.230416',
  };
  const sockets: TestSocket[] = [];

  async function everyStoredByte(): Promise<string> {
    const parts: string[] = [];
    for (const t of await h.ctx.db.db.introspection.getTables()) {
      const rows = await sql`select * from ${sql.table(t.name)}`.execute(h.ctx.db.db);
      parts.push(
        JSON.stringify(rows.rows, (_k, v) =>
          v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : v,
        ),
      );
      // Opaque fields are base64url text; look inside them too, so a body that merely
      // encoded plaintext instead of encrypting it would be caught.
      for (const row of rows.rows as Record<string, unknown>[]) {
        for (const v of Object.values(row)) {
          if (typeof v === 'string' && /^[A-Za-z0-9_-]{16,}$/.test(v)) {
            parts.push(Buffer.from(v, 'base64url').toString('utf8'));
          }
        }
      }
    }
    const blobDir = path.join(h.dataDir, 'blobs');
    let files: string[];
    try {
      files = readdirSync(blobDir);
    } catch {
      files = []; // no blob was ever written
    }
    for (const f of files) parts.push(readFileSync(path.join(blobDir, f)).toString('latin1'));
    parts.push(h.logs.join(''));
    return parts.join('\n');
  }

  function expectNoPlaintext(haystack: string): void {
    for (const [what, value] of Object.entries(secrets)) {
      expect(haystack.includes(value), `${what} found on the server`).toBe(false);
      expect(
        haystack.includes(Buffer.from(value).toString('base64')),
        `${what} (base64) found`,
      ).toBe(false);
    }
  }

  async function sendContent(from: MlsDevice, socket: TestSocket, content: MessageContent) {
    const enc = await encryptMessage(from.crypto, from.group!, {
      id: randomBytes(8).toString('hex'),
      sentAt: 0,
      content,
    });
    from.group = enc.group;
    const frame = {
      t: 'send',
      id: randomBytes(12).toString('base64url'),
      conv,
      epoch: Number(enc.epoch),
      body: b64(enc.ciphertext),
      frank: b64(enc.frankTag),
    };
    socket.send(frame);
    await socket.next((f) => f.t === 'sent' && f.id === frame.id);
  }

  async function receive(to: MlsDevice, socket: TestSocket) {
    const m = await socket.next<MsgFrame>((f) => f.t === 'msg' && f.kind === 'app');
    const got = await processIncoming(to.crypto, to.group!, {
      ciphertext: unb64(m.body),
      frankTag: unb64(m.frank),
    });
    to.group = got.group;
    if (got.kind !== 'application')
      throw new Error(`expected an application message, got ${got.kind}`);
    return { seq: m.seq, content: got.body.content };
  }

  beforeAll(async () => {
    h = await startLiveServer(dialect);
    mum = await seedAccount(h, 'adult');
    kid = await seedAccount(h, 'child');
    await approve(h, mum, kid);
    mumDev = await mlsDevice(h, mum);
    kidDev = await mlsDevice(h, kid);
    await uploadKeyPackages(h, kidDev, 2);
    const created = await createConversation(h, mum, [kid], 'direct');
    expect(created.statusCode, created.body).toBe(201);
    conv = created.json().id;
    mumDev.group = await createGroup(mumDev.crypto, mumDev.identity, {
      groupId: new Uint8Array(Buffer.from(conv, 'hex')),
    });
    const kps = await claim(h, mum, [kid]);
    const pending = await addMembers(
      mumDev.crypto,
      mumDev.group,
      kps.map((k) => unb64(k.keyPackage)),
    );
    const res = await postCommit(h, mum, conv, pending);
    expect(res.statusCode, res.body).toBe(200);
    mumDev.group = pending.confirm();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await h.close();
  });

  it('relays a whole conversation without the server ever holding plaintext', async () => {
    const kidSocket = await TestSocket.connect(h.url, kid.token);
    const mumSocket = await TestSocket.connect(h.url, mum.token);
    sockets.push(kidSocket, mumSocket);
    const welcome = await kidSocket.next<MsgFrame>((f) => f.t === 'msg' && f.kind === 'welcome');
    kidDev.group = (
      await joinFromWelcome(kidDev.crypto, kidDev.identity, kidDev.secrets, unb64(welcome.body))
    ).group;
    kidSocket.send({ t: 'ack', seqs: [welcome.seq] });

    const image = await encryptAttachment(new TextEncoder().encode(`PNG…${secrets.image}…`));
    const voice = await encryptAttachment(new TextEncoder().encode(`OGG…${secrets.voice}…`));
    const imageId = await share(h, mum.token, conv, image.blob);
    const voiceId = await share(h, mum.token, conv, voice.blob);
    const ref = (id: string, a: typeof image, mime: string) => ({
      blobId: id,
      key: a.key,
      sha256: a.sha256,
      size: a.size,
      mime,
    });

    await sendContent(mumDev, mumSocket, { type: 'text', text: secrets.text });
    await sendContent(mumDev, mumSocket, {
      type: 'image',
      attachment: ref(imageId, image, 'image/png'),
      width: 2,
      height: 2,
    });
    await sendContent(mumDev, mumSocket, {
      type: 'voice',
      attachment: ref(voiceId, voice, 'audio/ogg'),
      durationMs: 1200,
    });
    await sendContent(mumDev, mumSocket, {
      type: 'location',
      source: 'manual',
      placeName: secrets.place,
      coordinates: { lat: Number(secrets.coordinates), lon: 121.473701 },
    });

    // Everything waits on the server now: the strictest moment to look.
    expectNoPlaintext(await everyStoredByte());

    const got = [];
    for (let i = 0; i < 4; i++) got.push(await receive(kidDev, kidSocket));
    expect(got.map((g) => g.content.type)).toEqual(['text', 'image', 'voice', 'location']);
    expect(got[0]!.content).toEqual({ type: 'text', text: secrets.text });
    expect(got[3]!.content).toMatchObject({
      type: 'location',
      source: 'manual',
      placeName: secrets.place,
    });
    for (const [g, id, plain] of [
      [got[1]!, imageId, secrets.image],
      [got[2]!, voiceId, secrets.voice],
    ] as const) {
      const att = (
        g.content as { attachment: { key: Uint8Array; sha256: Uint8Array; size: number } }
      ).attachment;
      const res = await download(h, kid.token, id);
      expect(res.statusCode).toBe(200);
      const bytes = await decryptAttachment(new Uint8Array(res.rawPayload), att);
      expect(new TextDecoder().decode(bytes)).toContain(plain);
    }
    kidSocket.send({ t: 'ack', seqs: got.map((g) => g.seq) });

    await sendContent(kidDev, kidSocket, { type: 'text', text: secrets.reply });
    const reply = await receive(mumDev, mumSocket);
    expect(reply.content).toEqual({ type: 'text', text: secrets.reply });
    mumSocket.send({ t: 'ack', seqs: [reply.seq] });

    await expect
      .poll(async () =>
        Number(
          (
            await h.ctx.db.db
              .selectFrom('mailbox_entries')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      )
      .toBe(0);
    await h.server.realtime.interactions.flush();
    expectNoPlaintext(await everyStoredByte());
  });
});
