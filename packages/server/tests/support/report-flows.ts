import { randomBytes } from 'node:crypto';
import {
  addMembers,
  createGroup,
  encryptMessage,
  joinFromWelcome,
  processIncoming,
} from '@kidtalk/crypto';
import type { EvidenceItem, MsgFrame } from '@kidtalk/protocol';
import { expect } from 'vitest';
import type { LiveServer } from './live-server.js';
import type { MlsDevice, Seeded } from './mls-flows.js';
import {
  approve,
  b64,
  claim,
  createConversation,
  mlsDevice,
  postCommit,
  uploadKeyPackages,
} from './mls-flows.js';
import { TestSocket } from './ws-client.js';

/**
 * A real end-to-end encrypted direct conversation in which `sender` writes to `reader`, so a
 * test holds what a reader's app holds after decrypting: the franked plaintext, its frank key,
 * and the relay's countersigned envelope (P26).
 */
export interface Chat {
  conv: string;
  sender: MlsDevice;
  reader: MlsDevice;
  senderSocket: TestSocket;
  readerSocket: TestSocket;
  close(): void;
}

export async function startChat(h: LiveServer, sender: Seeded, reader: Seeded): Promise<Chat> {
  await approve(h, sender, reader);
  const s = await mlsDevice(h, sender);
  const r = await mlsDevice(h, reader);
  await uploadKeyPackages(h, r, 2);
  const created = await createConversation(h, sender, [reader], 'direct');
  expect(created.statusCode, created.body).toBe(201);
  const conv = created.json().id as string;
  s.group = await createGroup(s.crypto, s.identity, {
    groupId: new Uint8Array(Buffer.from(conv, 'hex')),
  });
  const kps = await claim(h, sender, [reader]);
  const pending = await addMembers(
    s.crypto,
    s.group,
    kps.map((k) => new Uint8Array(Buffer.from(k.keyPackage, 'base64url'))),
  );
  const res = await postCommit(h, sender, conv, pending);
  expect(res.statusCode, res.body).toBe(200);
  s.group = pending.confirm();
  const readerSocket = await TestSocket.connect(h.url, reader.token);
  const senderSocket = await TestSocket.connect(h.url, sender.token);
  const welcome = await readerSocket.next<MsgFrame>((f) => f.t === 'msg' && f.kind === 'welcome');
  r.group = (
    await joinFromWelcome(
      r.crypto,
      r.identity,
      r.secrets,
      new Uint8Array(Buffer.from(welcome.body, 'base64url')),
    )
  ).group;
  readerSocket.send({ t: 'ack', seqs: [welcome.seq] });
  return {
    conv,
    sender: s,
    reader: r,
    senderSocket,
    readerSocket,
    close: () => {
      senderSocket.close();
      readerSocket.close();
    },
  };
}

/** The sender writes `text`; the reader decrypts it and returns it as report evidence. */
export async function sendAndReceive(chat: Chat, text: string): Promise<EvidenceItem> {
  return (await say(chat, 'sender', text, true))!;
}

/**
 * One side of the chat writes `text`. If `read`, the other side decrypts and acks it and the
 * evidence is returned; otherwise it stays waiting in the other side's mailbox.
 */
export async function say(
  chat: Chat,
  side: 'sender' | 'reader',
  text: string,
  read: boolean,
): Promise<EvidenceItem | undefined> {
  const [from, fromSocket, to, toSocket] =
    side === 'sender'
      ? [chat.sender, chat.senderSocket, chat.reader, chat.readerSocket]
      : [chat.reader, chat.readerSocket, chat.sender, chat.senderSocket];
  const enc = await encryptMessage(from.crypto, from.group!, {
    id: randomBytes(8).toString('hex'),
    sentAt: 0,
    content: { type: 'text', text },
  });
  from.group = enc.group;
  const id = randomBytes(12).toString('base64url');
  fromSocket.send({
    t: 'send',
    id,
    conv: chat.conv,
    epoch: Number(enc.epoch),
    body: b64(enc.ciphertext),
    frank: b64(enc.frankTag),
  });
  await fromSocket.next((f) => f.t === 'sent' && f.id === id);
  if (!read) return undefined;
  const m = await toSocket.next<MsgFrame>((f) => f.t === 'msg' && f.kind === 'app');
  const got = await processIncoming(to.crypto, to.group!, {
    ciphertext: new Uint8Array(Buffer.from(m.body, 'base64url')),
    frankTag: new Uint8Array(Buffer.from(m.frank, 'base64url')),
  });
  if (got.kind !== 'application') throw new Error(`expected an application message`);
  to.group = got.group;
  toSocket.send({ t: 'ack', seqs: [m.seq] });
  return {
    plaintext: b64(got.franking.plaintext),
    frankKey: b64(got.franking.frankKey),
    frankTag: m.frank,
    sender: { accountId: m.from, deviceId: m.dev },
    conversationId: m.conv,
    serverTime: m.ts,
    countersignature: m.sig,
  };
}

/** The same bytes with one bit flipped in the middle: what a forger would send. */
export function flipped(b64url: string): string {
  const bytes = Buffer.from(b64url, 'base64url');
  bytes[bytes.length >> 1]! ^= 0x01;
  return bytes.toString('base64url');
}
