import type { AttachmentRef, MessageContent } from '@kidtalk/crypto';
import { encryptMessage } from '@kidtalk/crypto';
import type { ConversationView, DeviceInfo, SelfProfile, ServerFrame } from '@kidtalk/protocol';
import { CloseCode } from '@kidtalk/protocol';
import type { AttachmentMeta } from './attachments.js';
import { downloadAttachment, uploadAttachment } from './attachments.js';
import type { BackoffOptions } from './backoff.js';
import { defaultDevice } from './device-info.js';
import { ContactsApi } from './contacts-api.js';
import { Conversations } from './conversations.js';
import { DeviceCrypto, KEY_PACKAGE_TARGET } from './device-crypto.js';
import { Emitter } from './emitter.js';
import { AccountApi } from './account-api.js';
import { GuardianApi } from './guardian-api.js';
import { fromB64, newClientMsgId, toB64 } from './encoding.js';
import { KidTalkError, toKidTalkError } from './errors.js';
import type { FetchLike } from './http-client.js';
import { HttpClient } from './http-client.js';
import { LocalMarks } from './local-marks.js';
import { failedKey, failedPrefix, OUTBOX_PREFIX, Outbox } from './outbox.js';
import type { StoredMessage } from './receiver.js';
import { messagesList, pruneDedupe, Receiver, toReceived } from './receiver.js';
import type { EndReason, WebSocketConstructor } from './socket.js';
import { ReconnectingSocket } from './socket.js';
import type { ClientStore } from './store/client-store.js';
import { append, del, set } from './store/client-store.js';
import { StoreFence } from './store/store-fence.js';
import { decodeOwn, encodeOwn, isShown } from './own-messages.js';
import type {
  FailedSend,
  KidTalkEvents,
  OutboxEntry,
  OwnMessage,
  ReceivedMessage,
  SentMessage,
} from './types.js';

export interface KidTalkClientOptions {
  /** Base URL of the server, e.g. https://chat.example.org */
  server: string;
  store: ClientStore;
  /** Defaults to globalThis.WebSocket (browsers); pass `WebSocket` from `ws` in Node. */
  WebSocket?: WebSocketConstructor;
  fetch?: FetchLike;
  /** What this device reports about itself at sign-in (P9, P12). */
  device?: DeviceInfo;
  /** Milliseconds since the epoch; injectable so tests can follow a server's manual clock. */
  now?: () => number;
  backoff?: BackoffOptions;
  random?: () => number;
  /** Unacknowledged sends on the wire at once (default 64, the server's delivery window). */
  maxInFlight?: number;
  pingIntervalMs?: number;
}

export interface Session {
  token: string;
  accountId: string;
  deviceId: string;
  publicId: string;
  kind: 'adult' | 'child';
  displayName: string;
}

/** A queued message: durable in the outbox; `sent` resolves once the server acknowledged it. */
export interface Queued {
  clientMsgId: string;
  sent: Promise<SentMessage>;
}

const SESSION = 'session';
const ownList = (conv: string) => `own:${conv}`;
const attachmentKey = (ref: AttachmentRef) => `attachment:${ref.blobId}`;

/**
 * The KidTalk client. One instance per signed-in device and store. Sends go through a durable
 * outbox; receives are deduped, stored, then acknowledged; the socket reconnects by itself.
 */
export class KidTalkClient extends Emitter<KidTalkEvents> {
  readonly http: HttpClient;
  readonly contacts: ContactsApi;
  readonly guardian: GuardianApi;
  /** The signed-in account itself; screens reach it here without importing the SDK eagerly. */
  readonly account: AccountApi;
  readonly conversations: Conversations;
  /** Read markers and group names this device keeps for itself. */
  readonly local: LocalMarks;
  private sessionValue: Session | undefined;
  private deviceCrypto: DeviceCrypto | undefined;
  private socket: ReconnectingSocket | undefined;
  private readonly outbox: Outbox;
  private readonly receiver: Receiver;
  private readonly acks: number[] = [];
  private ackScheduled = false;
  private readonly retrying = new Set<string>();
  private readonly downloads = new Map<string, Promise<Uint8Array>>();
  private readonly now: () => number;
  private wiping: Promise<void> | undefined;
  private ending = false;
  private readonly fence: StoreFence;
  /**
   * The store for work of the current session: work takes it when it starts, and a wipe voids
   * it (see StoreFence). Outbox and receiver write to the store itself: a wipe stops and drains
   * them before it erases.
   */
  private store: ClientStore;

  private constructor(private readonly options: KidTalkClientOptions) {
    super();
    this.now = options.now ?? Date.now;
    this.fence = new StoreFence(options.store);
    this.store = this.fence.lease();
    options.store.onWipedElsewhere?.(() =>
      this.sessionValue
        ? this.sessionEnded('wiped_elsewhere', 0)
        : void this.wipeLocal().catch((err) => this.emit('error', toKidTalkError(err, 'STORAGE'))),
    );
    const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.http = new HttpClient(
      options.server.replace(/\/$/, ''),
      fetchImpl,
      () => this.sessionValue?.token,
      () => this.sessionEnded('unauthenticated', CloseCode.Unauthenticated),
    );
    this.contacts = new ContactsApi(this.http);
    this.guardian = new GuardianApi(this.http);
    this.account = new AccountApi(this.http, () => this.sessionValue?.accountId ?? '');
    this.local = new LocalMarks(() => this.store);
    this.conversations = new Conversations(
      this.http,
      () => this.crypto,
      () => this.requireSession().accountId,
    );
    this.outbox = new Outbox(
      options.store,
      (frame) => this.socket?.send(frame) ?? false,
      options.maxInFlight ?? 64,
      (sent) => this.emit('sent', sent),
      (err) => this.emit('error', err),
    );
    this.receiver = new Receiver({
      store: options.store,
      crypto: () => this.crypto,
      emit: (event, e) => this.emit(event, e),
      ack: (seq) => this.ack(seq),
      onProposal: (conv) =>
        void this.conversations
          .commitProposals(conv)
          .catch((err) => this.emit('error', toKidTalkError(err))),
    });
  }

  /** Loads the stored session and outbox; does not connect. */
  static async open(options: KidTalkClientOptions): Promise<KidTalkClient> {
    const client = new KidTalkClient(options);
    client.sessionValue = await options.store.get<Session>(SESSION);
    await client.outbox.load();
    return client;
  }

  get session(): Session | undefined {
    return this.sessionValue;
  }

  get connected(): boolean {
    return this.socket?.ready ?? false;
  }

  /** Messages encrypted and stored but not yet acknowledged by the server. */
  pendingMessages(): OutboxEntry[] {
    return this.outbox.pending();
  }

  /** Own messages of a conversation the server refused for good; `retry` sends one again. */
  async failedMessages(conversationId: string): Promise<FailedSend[]> {
    const store = this.options.store;
    const keys = await store.keys(failedPrefix(conversationId));
    const found = await Promise.all(keys.map((k) => store.get<FailedSend>(k)));
    return found.filter((f): f is FailedSend => f !== undefined);
  }

  // ── sign-in ──────────────────────────────────────────────────────────────────────────────

  async requestCode(phone: string): Promise<{ expiresInSec: number }> {
    return this.http.json({
      method: 'POST',
      path: '/v1/auth/otp',
      body: { phone, purpose: 'sign_in' },
      anonymous: true,
    });
  }

  /** `displayName` is needed only the first time a number signs in (it creates the account). */
  async signIn(input: { phone: string; code: string; displayName?: string }): Promise<Session> {
    return this.adopt(
      await this.http.json({
        method: 'POST',
        path: '/v1/auth/sign-in',
        body: { ...input, device: this.options.device ?? defaultDevice() },
        anonymous: true,
      }),
    );
  }

  /** A child's device, linked with the code a guardian created. */
  async linkDevice(code: string): Promise<Session> {
    return this.adopt(
      await this.http.json({
        method: 'POST',
        path: '/v1/auth/link',
        body: { code, device: this.options.device ?? defaultDevice() },
        anonymous: true,
      }),
    );
  }

  /** Uses a session token obtained elsewhere (tests, a host app that signs in itself). */
  async useToken(token: string): Promise<Session> {
    const me = await this.http.json<SelfProfile>({
      method: 'GET',
      path: '/v1/me',
      headers: { authorization: `Bearer ${token}` },
      anonymous: true,
    });
    const sessions = await this.http.json<{
      sessions: { current: boolean; device: { id: string } }[];
    }>({
      method: 'GET',
      path: '/v1/sessions',
      headers: { authorization: `Bearer ${token}` },
      anonymous: true,
    });
    const deviceId = sessions.sessions.find((s) => s.current)?.device.id ?? '';
    return this.saveSession({
      token,
      accountId: me.id,
      deviceId,
      publicId: me.publicId,
      kind: me.kind,
      displayName: me.displayName,
    });
  }

  /** Ends the session on the server (best effort), then wipes this device: see wipeLocal(). */
  async signOut(): Promise<void> {
    this.stopSocket();
    if (this.sessionValue)
      await this.http.json({ method: 'POST', path: '/v1/auth/sign-out' }).catch(() => undefined);
    await this.wipeLocal();
  }

  /**
   * Erases everything this client stored on this device (P23): session, key material and MLS
   * state, outbox, failed sends, received and own messages, read markers, group names and
   * attachments. Closes the connection first; the client stays usable for a new sign-in. Call
   * it after deleting the account; a revoked session and signOut() call it themselves.
   */
  async wipeLocal(): Promise<void> {
    this.wiping ??= this.erase().finally(() => (this.wiping = undefined));
    return this.wiping;
  }

  private async erase(): Promise<void> {
    this.stopSocket();
    this.socket = undefined;
    await this.receiver.idle();
    this.outbox.abandon();
    this.outbox.forget();
    this.receiver.forget();
    this.acks.length = 0;
    // A download still under way ends with SESSION_ENDED; the next session must not share it.
    this.downloads.clear();
    this.sessionValue = undefined;
    this.deviceCrypto = undefined;
    this.fence.voidLeases();
    await this.options.store.clear();
  }

  /** Revoked or unknown to the server: nothing on this device may outlive the session. */
  private sessionEnded(reason: EndReason | 'wiped_elsewhere', closeCode: number): void {
    if (!this.sessionValue || this.ending) return;
    this.ending = true;
    void this.wipeLocal()
      .catch((err) => this.emit('error', toKidTalkError(err, 'STORAGE')))
      .finally(() => {
        this.ending = false;
        this.emit('session', { reason, closeCode });
      });
  }

  private async adopt(reply: { token: string; account: SelfProfile }): Promise<Session> {
    const sessions = await this.http.json<{
      sessions: { current: boolean; device: { id: string } }[];
    }>({
      method: 'GET',
      path: '/v1/sessions',
      headers: { authorization: `Bearer ${reply.token}` },
      anonymous: true,
    });
    return this.saveSession({
      token: reply.token,
      accountId: reply.account.id,
      deviceId: sessions.sessions.find((s) => s.current)?.device.id ?? '',
      publicId: reply.account.publicId,
      kind: reply.account.kind,
      displayName: reply.account.displayName,
    });
  }

  private async saveSession(s: Session): Promise<Session> {
    // The session the store holds, read when the client opened.
    const before = this.sessionValue;
    // Another account's (or device record's) data must not outlive its session here (P23), and
    // its MLS identity would be refused: its credential names the other device.
    if (before && (before.accountId !== s.accountId || before.deviceId !== s.deviceId))
      await this.wipeLocal();
    await this.options.store.write([set(SESSION, s)]);
    // Work of this same session (a token refreshed, say) keeps its lease.
    this.store = this.fence.renew(this.store);
    this.sessionValue = s;
    return s;
  }

  private requireSession(): Session {
    if (!this.sessionValue) throw new KidTalkError('NOT_SIGNED_IN', 'sign in first');
    return this.sessionValue;
  }

  // ── connection ───────────────────────────────────────────────────────────────────────────

  /**
   * Makes sure this device has its MLS identity and KeyPackages on the server, then opens the
   * socket (and keeps it open). Resolves once the socket is started, not when it is ready:
   * wait for the `connection` event with state 'ready' (or call `ready()`).
   */
  async connect(): Promise<void> {
    this.requireSession();
    await this.prepareDevice();
    if (this.socket) return this.socket.start();
    const WS =
      this.options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!WS)
      throw new KidTalkError('PROTOCOL', 'no WebSocket implementation: pass options.WebSocket');
    this.socket = new ReconnectingSocket(
      {
        url: this.http.baseUrl,
        WebSocket: WS,
        token: () => this.sessionValue?.token,
        ...(this.options.backoff && { backoff: this.options.backoff }),
        ...(this.options.random && { random: this.options.random }),
        ...(this.options.pingIntervalMs && { pingIntervalMs: this.options.pingIntervalMs }),
      },
      {
        onState: (state, info) =>
          this.emit('connection', {
            state,
            attempt: info.attempt,
            ...(info.delayMs !== undefined && { delayMs: info.delayMs }),
            ...(info.code !== undefined && { closeCode: info.code }),
          }),
        onReady: () => this.outbox.reset(),
        onFrame: (f) => this.onFrame(f),
        onEnded: (reason, closeCode) =>
          // A newer connection of this same session (another tab) shares the store: keep it.
          reason === 'revoked' || reason === 'unauthenticated'
            ? this.sessionEnded(reason, closeCode)
            : this.emit('session', { reason, closeCode }),
      },
    );
    this.socket.start();
  }

  /** Resolves when the socket is ready (at once if it already is). */
  async ready(timeoutMs = 30_000): Promise<void> {
    if (this.connected) return;
    await this.once('connection', (e) => e.state === 'ready', timeoutMs);
  }

  /** Drops the current socket as if the network failed; reconnects with backoff. */
  reconnect(): void {
    this.socket?.reconnect();
  }

  /** Stops the socket and waits for received messages to be stored. The store stays open. */
  async close(): Promise<void> {
    this.stopSocket();
    await this.receiver.idle();
    this.outbox.abandon();
  }

  private stopSocket(): void {
    this.socket?.stop();
  }

  private async prepareDevice(): Promise<void> {
    if (this.deviceCrypto) return;
    const lease = this.store;
    const { crypto } = await DeviceCrypto.load(lease, this.http, this.now);
    // Wiped while loading: this identity is the ended session's, never the next one's.
    if (lease !== this.store) throw new KidTalkError('SESSION_ENDED', 'the device was wiped');
    this.deviceCrypto = crypto;
    const { remaining } = await this.http.json<{ remaining: number }>({
      method: 'GET',
      path: '/v1/key-packages/count',
    });
    if (remaining < KEY_PACKAGE_TARGET / 2 || !crypto.secrets.some((k) => k.lastResort))
      await this.topUp(remaining);
    void pruneDedupe(this.options.store, this.now()).catch((e) =>
      this.emit('error', toKidTalkError(e, 'STORAGE')),
    );
  }

  private async topUp(remaining: number): Promise<void> {
    const now = await this.crypto.replenish(this.http, remaining);
    this.emit('keyPackages', { remaining: now });
  }

  private get crypto(): DeviceCrypto {
    if (!this.deviceCrypto) throw new KidTalkError('NOT_SIGNED_IN', 'connect() first');
    return this.deviceCrypto;
  }

  private onFrame(f: ServerFrame): void {
    switch (f.t) {
      case 'msg':
        return this.receiver.push(f);
      case 'sent':
        void this.outbox.onSent(f).catch((e) => this.emit('error', toKidTalkError(e, 'STORAGE')));
        return;
      case 'error': {
        const err = new KidTalkError(f.code, f.message, {
          ...(f.retryAfterSec !== undefined && { retryAfterSec: f.retryAfterSec }),
          ...(f.id !== undefined && { clientMsgId: f.id }),
        });
        void this.outbox.onError(err).then((ours) => {
          if (!ours) this.emit('error', err);
        });
        return;
      }
      case 'drained':
        return this.emit('drained', { at: this.now() });
      case 'presence':
        return this.emit('presence', { publicId: f.who, online: f.online });
      case 'kp_low':
        void this.topUp(f.remaining).catch((e) => this.emit('error', toKidTalkError(e)));
        return;
    }
  }

  private ack(seq: number): void {
    this.acks.push(seq);
    if (this.ackScheduled) return;
    this.ackScheduled = true;
    // One frame for every ack that became due in this turn.
    queueMicrotask(() => {
      this.ackScheduled = false;
      while (this.acks.length > 0) {
        // If the socket is gone the server keeps the entries and resends them; we dedupe.
        this.socket?.send({ t: 'ack', seqs: this.acks.splice(0, 512) });
      }
    });
  }

  // ── conversations and messages ───────────────────────────────────────────────────────────

  /** The direct conversation with a contact, created (with its MLS group) if needed. */
  openDirect(publicId: string): Promise<ConversationView> {
    return this.conversations.open('direct', [publicId]);
  }

  createGroup(publicIds: string[]): Promise<ConversationView> {
    return this.conversations.open('group', publicIds);
  }

  /** Whether this device is in the conversation's MLS group (false until its Welcome came). */
  async canSend(conversationId: string): Promise<boolean> {
    return (await this.crypto.group(conversationId))?.active ?? false;
  }

  /** Every stored received message of a conversation, oldest first. */
  async messages(conversationId: string): Promise<ReceivedMessage[]> {
    return (await this.options.store.list<StoredMessage>(messagesList(conversationId))).map(
      toReceived,
    );
  }

  /**
   * What this device sent in a conversation (durable application messages only), oldest first,
   * so a chat can show its own side after a restart. Receipts, reactions and typing are left out.
   */
  async ownMessages(conversationId: string): Promise<OwnMessage[]> {
    return (await this.options.store.list(ownList(conversationId))).map(decodeOwn);
  }

  /**
   * Encrypts, stores in the outbox, then sends. Resolves as soon as the message is durable
   * locally; `sent` resolves when the server has acknowledged it (after any reconnects).
   */
  enqueue(conversationId: string, content: MessageContent): Promise<Queued> {
    return this.queue(conversationId, newClientMsgId(), content, true);
  }

  /**
   * Sends a refused message again, encrypted afresh under the same clientMsgId (the server
   * never stored it, so it is no duplicate), and forgets that it failed. Throws NOT_FOUND for
   * a message that is not recorded as failed.
   */
  async retry(conversationId: string, clientMsgId: string): Promise<Queued> {
    const failed = await this.options.store.get<FailedSend>(failedKey(conversationId, clientMsgId));
    const own = (await this.ownMessages(conversationId)).find((m) => m.clientMsgId === clientMsgId);
    if (!failed || !own || this.retrying.has(clientMsgId))
      throw new KidTalkError('NOT_FOUND', 'no failed message with that id');
    // A second tap while the first is being encrypted must not queue it twice.
    this.retrying.add(clientMsgId);
    try {
      return await this.queue(conversationId, clientMsgId, own.content, false);
    } finally {
      this.retrying.delete(clientMsgId);
    }
  }

  private async queue(
    conversationId: string,
    id: string,
    content: MessageContent,
    first: boolean,
  ): Promise<Queued> {
    const crypto = this.crypto;
    const { entry, written } = await crypto.mutex.run(conversationId, async () => {
      const group = await crypto.group(conversationId);
      if (!group) throw new KidTalkError('NO_GROUP', 'this device is not in the group yet');
      const res = await encryptMessage(crypto.ctx, group, { id, sentAt: this.now(), content });
      const entry: OutboxEntry = {
        id,
        conv: conversationId,
        epoch: Number(res.epoch),
        body: toB64(res.ciphertext),
        frank: toB64(res.frankTag),
        order: this.outbox.order(),
        content: content.type,
      };
      // The ratchet state and the ciphertext land together: a crash can neither reuse a
      // generation nor lose a message that was already encrypted.
      const ops = [await crypto.groupOp(conversationId, res.group), set(OUTBOX_PREFIX + id, entry)];
      // A retry keeps its place in the chat and leaves the failed mark in the same write.
      if (!first) ops.push(del(failedKey(conversationId, id)));
      else if (isShown(content)) {
        const own: OwnMessage = { conversationId, clientMsgId: id, sentAt: this.now(), content };
        ops.push(append(ownList(conversationId), encodeOwn(own)));
      }
      return { entry, written: crypto.write(ops) };
    });
    await written;
    // Not on the wire before add(), so no `sent` can come before this waiter exists.
    const sent = this.outbox.wait(id);
    this.outbox.add(entry);
    return { clientMsgId: id, sent };
  }

  /** Sends and resolves once the server acknowledged it. */
  async send(conversationId: string, content: MessageContent): Promise<SentMessage> {
    return (await this.enqueue(conversationId, content)).sent;
  }

  sendText(conversationId: string, text: string): Promise<SentMessage> {
    return this.send(conversationId, { type: 'text', text });
  }

  sendSticker(conversationId: string, pack: string, sticker: string): Promise<SentMessage> {
    return this.send(conversationId, { type: 'sticker', pack, sticker });
  }

  /** Location is only ever what the user typed or picked (P8). */
  sendLocation(
    conversationId: string,
    place: { placeName?: string; coordinates?: { lat: number; lon: number } },
  ): Promise<SentMessage> {
    return this.send(conversationId, { type: 'location', source: 'manual', ...place });
  }

  react(
    conversationId: string,
    target: string,
    emoji: string,
    remove = false,
  ): Promise<SentMessage> {
    return this.send(conversationId, {
      type: 'reaction',
      target,
      emoji,
      ...(remove && { remove }),
    });
  }

  sendReceipt(
    conversationId: string,
    kind: 'delivered' | 'read',
    targets: string[],
  ): Promise<SentMessage> {
    return this.send(conversationId, { type: 'receipt', kind, targets });
  }

  /**
   * Ephemeral: only devices online right now get it; never stored, never resent. Returns false
   * when offline (a typing indicator is worthless later).
   */
  async sendTyping(conversationId: string, state: 'started' | 'stopped'): Promise<boolean> {
    if (!this.connected) return false;
    const crypto = this.crypto;
    return crypto.mutex.run(conversationId, async () => {
      const group = await crypto.group(conversationId);
      if (!group) throw new KidTalkError('NO_GROUP', 'this device is not in the group yet');
      const id = newClientMsgId();
      const res = await encryptMessage(crypto.ctx, group, {
        id,
        sentAt: this.now(),
        content: { type: 'typing', state },
      });
      // The ratchet moved: persist before the wire so a crash cannot reuse the generation.
      await crypto.write([await crypto.groupOp(conversationId, res.group)]);
      return (
        this.socket?.send({
          t: 'send',
          id,
          conv: conversationId,
          epoch: Number(res.epoch),
          body: toB64(res.ciphertext),
          frank: toB64(res.frankTag),
          eph: true,
        }) ?? false
      );
    });
  }

  /**
   * Encrypts the bytes (committing AEAD), uploads the opaque blob, then sends the message that
   * carries its key and hash. Image, voice note or drawing.
   */
  async sendAttachment(
    conversationId: string,
    bytes: Uint8Array,
    meta: AttachmentMeta,
  ): Promise<SentMessage> {
    const store = this.store;
    const content = await uploadAttachment(this.http, conversationId, bytes, meta);
    // The sender cannot fetch its own blob once every recipient has: keep the bytes here.
    if ('attachment' in content)
      await store.write([set(attachmentKey(content.attachment), toB64(bytes))]);
    return this.send(conversationId, content);
  }

  /**
   * Downloads and decrypts; throws ATTACHMENT_INTEGRITY if the blob is not the one sent. A
   * recipient device gets a blob only once (the server then forgets it), so the bytes are kept
   * in the store and later calls, and the sender's own attachments, are answered from there;
   * callers asking at the same time (a chat that re-renders while the picture loads) share one
   * download.
   */
  downloadAttachment(ref: AttachmentRef): Promise<Uint8Array> {
    const key = attachmentKey(ref);
    let pending = this.downloads.get(key);
    if (!pending) {
      const started = this.fetchAttachment(key, ref).finally(() => {
        // A wipe may have let a newer download of the same blob start meanwhile.
        if (this.downloads.get(key) === started) this.downloads.delete(key);
      });
      this.downloads.set(key, (pending = started));
    }
    return pending;
  }

  private async fetchAttachment(key: string, ref: AttachmentRef): Promise<Uint8Array> {
    const store = this.store;
    const kept = await store.get<string>(key);
    if (kept !== undefined) return fromB64(kept);
    const bytes = await downloadAttachment(this.http, ref);
    // The decrypted picture must not land in a store wiped meanwhile (P23).
    await store.write([set(key, toB64(bytes))]);
    return bytes;
  }
}
