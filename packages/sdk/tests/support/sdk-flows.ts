import { WebSocket } from 'ws';
import type { LiveServer } from '../../../server/tests/support/live-server.js';
import type { Adult } from '../../../server/tests/support/flows.js';
import { latestCode, nextPhone } from '../../../server/tests/support/flows.js';
import type { AttachmentRef } from '@kidtalk/crypto';
import type { ClientStore, FetchLike, KidTalkClient, Session } from '../../src/index.js';
import { MemoryStore } from '../../src/index.js';
import { openNodeClient } from '../../src/node.js';

/** Quick retries: the tests wait on events, never on wall-clock delays. */
export const FAST_BACKOFF = { baseMs: 20, capMs: 300 };

export interface ClientOptions {
  store?: ClientStore;
  /** Defaults to the live server's URL; pass a fixed one to survive a restart. */
  url?: string;
  /** Defaults to the live server's manual clock. */
  now?: () => number;
  fetch?: FetchLike;
}

/** A client that follows the live server's manual clock (KeyPackage lifetimes depend on it). */
export function openClient(live: LiveServer, o: ClientOptions = {}): Promise<KidTalkClient> {
  return openNodeClient({
    server: o.url ?? live.url,
    store: o.store ?? new MemoryStore(),
    now: o.now ?? (() => live.clock.now()),
    backoff: FAST_BACKOFF,
    ...(o.fetch && { fetch: o.fetch }),
  });
}

/** `from` opens its direct conversation with `to`; resolves with its id once `to` joined it. */
export async function openDirectJoined(from: KidTalkClient, to: KidTalkClient): Promise<string> {
  const joined = to.once('conversation', (e) => e.change === 'joined');
  const conv = (await from.openDirect(to.session!.publicId)).id;
  await joined;
  return conv;
}

/**
 * A fetch that holds every answer to a GET of an attachment blob until released: the moment a
 * download is in flight, made as long as a test needs.
 */
export function heldDownloads(): { fetch: FetchLike; started: Promise<void>; release(): void } {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let started!: () => void;
  const startedP = new Promise<void>((r) => (started = r));
  const fetchImpl: FetchLike = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const res = await fetch(input, init);
    if ((init?.method ?? 'GET') === 'GET' && /\/v1\/attachments\/[^/]+$/.test(url)) {
      started();
      await gate;
    }
    return res;
  };
  return { fetch: fetchImpl, started: startedP, release };
}

/**
 * `sender` sends `bytes` as a picture; `receiver`, whose fetch is `held`, starts downloading
 * it. Resolves once that download is in flight and held, with the download itself.
 */
export async function downloadInFlight(
  sender: KidTalkClient,
  receiver: KidTalkClient,
  conversationId: string,
  held: ReturnType<typeof heldDownloads>,
  bytes: Uint8Array,
): Promise<{ download: Promise<Uint8Array>; ref: AttachmentRef }> {
  const got = receiver.once('message', (m) => m.body.content.type === 'image');
  await sender.sendAttachment(conversationId, bytes, {
    type: 'image',
    mime: 'image/png',
    width: 1,
    height: 1,
  });
  const content = (await got).body.content;
  if (content.type !== 'image') throw new Error(`got ${content.type}`);
  const download = receiver.downloadAttachment(content.attachment);
  await held.started;
  // Wrapped: a bare promise here would be awaited, and it resolves only once released.
  return { download, ref: content.attachment };
}

/** Signs in a new adult through the real HTTP API, reading the code from the dev SMS outbox. */
export async function signedIn(live: LiveServer, name: string, o: ClientOptions = {}) {
  const client = await openClient(live, o);
  await signInWith(live, client, nextPhone(), name);
  return client;
}

/** Signs `client` in with `phone` (a new account, or the phone's account on a new device). */
export async function signInWith(
  live: LiveServer,
  client: KidTalkClient,
  phone: string,
  displayName?: string,
): Promise<Session> {
  await client.requestCode(phone);
  return client.signIn({ phone, code: await latestCode(live, phone), displayName });
}

/** A signed-in adult client as the server's test flows take a guardian (no phone needed). */
export function asAdult(client: KidTalkClient): Adult {
  const s = client.session!;
  return { phone: '', token: s.token, accountId: s.accountId, publicId: s.publicId };
}

/** Both sides say yes; adults need no guardian. */
export async function befriend(a: KidTalkClient, b: KidTalkClient): Promise<void> {
  await a.contacts.add(b.session!.publicId);
  const view = await b.contacts.add(a.session!.publicId);
  if (view.status !== 'approved') throw new Error(`friend request is ${view.status}`);
}

/** Polls until `check` holds; for states reached through events on other sockets. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export { WebSocket };
