import { createInterface } from 'node:readline';
import { createInterface as createPrompt } from 'node:readline/promises';
import type { KidTalkClient } from '../client.js';
import type { ReceivedMessage } from '../types.js';

/** Where the CLI writes; injectable so tests can read it. */
export interface Io {
  input: NodeJS.ReadableStream;
  out(line: string): void;
}

export async function signIn(
  client: KidTalkClient,
  io: Io,
  phone: string,
  name: string | undefined,
): Promise<void> {
  await client.requestCode(phone);
  const rl = createPrompt({ input: io.input, terminal: false });
  io.out(`A code was sent to ${phone}.`);
  io.out('Code:');
  const code = (await rl.question('')).trim();
  rl.close();
  const s = await client.signIn({ phone, code, ...(name && { displayName: name }) });
  // Creates this device's MLS identity and uploads its KeyPackages, so others can add it.
  await client.connect();
  await client.close();
  io.out(`Signed in as ${s.displayName} (${s.publicId}).`);
}

export async function add(client: KidTalkClient, io: Io, publicId: string): Promise<void> {
  const r = await client.contacts.add(publicId);
  io.out(
    r.status === 'approved'
      ? `${r.other.displayName} (${publicId}) is now a contact.`
      : `Friend request to ${r.other.displayName} (${publicId}): ${r.status}.`,
  );
}

export async function contacts(client: KidTalkClient, io: Io): Promise<void> {
  for (const c of await client.contacts.list()) {
    io.out(`${c.publicId}  ${c.displayName}${c.online ? '  (online)' : ''}`);
  }
  for (const r of await client.contacts.requests()) {
    if (r.status === 'pending')
      io.out(`${r.other.publicId}  ${r.other.displayName}  (${r.direction} request)`);
  }
}

/** Connects and opens the direct conversation, waiting for the Welcome if the peer created it. */
async function openChat(client: KidTalkClient, io: Io, publicId: string) {
  const drained = client.once('drained', () => true, 60_000);
  await client.connect();
  await drained;
  const view = await client.openDirect(publicId);
  if (!(await client.canSend(view.id)) && view.epoch > 0) {
    // The group exists but this device was in no Welcome (signed in later): join it.
    await client.conversations.join(view.id).catch(() => undefined);
  }
  if (!(await client.canSend(view.id))) {
    io.out(`Waiting for ${publicId} to come online and open the conversation...`);
    await client.once('conversation', (e) => e.conversationId === view.id, 24 * 3600_000);
  }
  const names = new Map(view.members.map((m) => [m.accountId, m.publicId]));
  return { view, names };
}

export async function send(
  client: KidTalkClient,
  io: Io,
  publicId: string,
  text: string,
): Promise<void> {
  const { view } = await openChat(client, io, publicId);
  const sent = await client.sendText(view.id, text);
  io.out(`sent ${sent.clientMsgId}`);
  await client.close();
}

/** Line-based chat: each line typed is sent; incoming messages are printed as they come. */
export async function chat(client: KidTalkClient, io: Io, publicId: string): Promise<void> {
  const { view, names } = await openChat(client, io, publicId);
  const show = (m: ReceivedMessage) => {
    if (m.conversationId !== view.id) return;
    const who = names.get(m.senderAccountId) ?? m.senderAccountId;
    io.out(`[${who}] ${describe(m)}`);
  };
  client.on('message', show);
  client.on('connection', (e) => {
    if (e.state === 'offline') io.out(`(offline, retrying in ${e.delayMs} ms)`);
  });
  client.on('session', (e) => io.out(`(session ended: ${e.reason})`));
  io.out(`Chatting with ${publicId}. Type a message and press Enter; /quit to leave.`);
  const rl = createInterface({ input: io.input, terminal: false });
  const pending: Promise<unknown>[] = [];
  for await (const line of rl) {
    const text = line.trim();
    if (text === '/quit') break;
    if (text === '') continue;
    // Queued durably at once; the ack may come after a reconnect.
    pending.push(
      client.sendText(view.id, text).catch((e: Error) => io.out(`(not sent: ${e.message})`)),
    );
  }
  await Promise.all(pending);
  await client.close();
}

function describe(m: ReceivedMessage): string {
  const c = m.body.content;
  switch (c.type) {
    case 'text':
      return c.text;
    case 'sticker':
      return `(sticker ${c.pack}/${c.sticker})`;
    case 'location':
      return `(location ${c.placeName ?? `${c.coordinates?.lat},${c.coordinates?.lon}`})`;
    case 'reaction':
      return `(reacted ${c.emoji})`;
    case 'receipt':
      return `(${c.kind} ${c.targets.length})`;
    default:
      return `(${c.type})`;
  }
}
