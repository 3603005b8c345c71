import type { ClientFrame, ServerFrame } from '@kidtalk/protocol';
import { CloseCode, ErrorCode, HELLO_TIMEOUT_MS, PROTOCOL_VERSION } from '@kidtalk/protocol';
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import { DomainError } from '../errors.js';
import type { AuthContext } from '../services/auth-context.js';
import { deviceTopic, rowPayload } from '../services/mailbox-service.js';
import { sentPayload } from '../stores/relay-store.js';
import { parseClientFrame } from './frame-parser.js';
import { SeqSet } from './seq-set.js';
import type { GatewayDeps } from './gateway-deps.js';

/** Bus payloads for a device are server frames; a msg frame starts with its seq. */
const MSG_PREFIX = '{"t":"msg","seq":';
export const REVOKED_PAYLOAD = '{"t":"_revoked"}';
const MAX_EARLY_FRAMES = 256;

/**
 * One device's socket. Delivery is flow-controlled: at most `window` entries are unacknowledged
 * at once; anything beyond waits in the database, so a slow device costs the server no memory.
 * After connecting, everything stored is drained in order, then a `drained` marker is sent.
 */
export class Connection {
  auth: AuthContext | null = null;
  publicId = '';
  alive = true;
  private corked = false;
  /** Whether presence counted this socket as one of the account's online devices. */
  counted = false;
  private readonly inflight: SeqSet;
  private readonly acking: SeqSet;
  private draining = true;
  private behind = false;
  private fetching = false;
  private closed = false;
  private unsubscribers: (() => void)[] = [];
  /** Frames that arrived while hello was being checked; null before hello and after ready. */
  private early: [Buffer, boolean][] | null = null;
  private finished!: () => void;
  /** Resolves once the socket is closed and its presence and registration are cleaned up. */
  readonly done = new Promise<void>((r) => (this.finished = r));
  private readonly helloTimer: NodeJS.Timeout;

  constructor(
    readonly ws: WebSocket,
    private readonly deps: GatewayDeps,
  ) {
    this.inflight = new SeqSet(deps.window);
    this.acking = new SeqSet(deps.window);
    this.helloTimer = setTimeout(
      () => this.close(CloseCode.Unauthenticated, 'hello timeout'),
      HELLO_TIMEOUT_MS,
    );
    ws.on('message', (data, isBinary) => void this.onMessage(data as Buffer, isBinary));
    ws.on('pong', () => (this.alive = true));
    ws.on('close', () => void this.onClose());
    ws.on('error', () => this.ws.terminate());
  }

  private async onMessage(data: Buffer, isBinary: boolean): Promise<void> {
    if (this.closed) return;
    if (this.early) {
      // Frames pipelined behind hello wait for it, in order, rather than being refused.
      if (this.early.length >= MAX_EARLY_FRAMES)
        return this.close(CloseCode.ProtocolError, 'too many frames before ready');
      this.early.push([data, isBinary]);
      return;
    }
    if (isBinary) {
      // Before hello, a binary frame is as much "not hello" as any other frame.
      if (!this.auth) return this.close(CloseCode.Unauthenticated, 'hello first');
      return this.error(ErrorCode.InvalidRequest, 'frames are JSON text');
    }
    const parsed = parseClientFrame(data.toString('utf8'));
    if (!this.auth) {
      if (!parsed.ok || parsed.frame.t !== 'hello')
        return this.close(CloseCode.Unauthenticated, 'hello first');
      return this.hello(parsed.frame);
    }
    if (!parsed.ok) return this.error(parsed.code, parsed.message, parsed.id);
    try {
      await this.dispatch(parsed.frame);
    } catch (err) {
      const id = parsed.frame.t === 'send' ? parsed.frame.id : undefined;
      if (err instanceof DomainError)
        return this.error(err.code, err.message, id, err.retryAfterSec);
      this.deps.logger.error({ err }, 'frame handling failed');
      this.error(ErrorCode.Internal, 'internal error', id);
    }
  }

  private async dispatch(f: ClientFrame): Promise<void> {
    switch (f.t) {
      case 'send': {
        const sent = await this.deps.relay.send(this.auth!, f);
        return this.forward(sentPayload(sent.id, sent.ts, sent.sig));
      }
      case 'ack':
        return this.ack(f.seqs);
      case 'ping':
        return this.send({ t: 'pong', ...(f.id !== undefined && { id: f.id }) });
      case 'hello':
        return this.error(ErrorCode.InvalidRequest, 'already said hello');
    }
  }

  private async hello(f: Extract<ClientFrame, { t: 'hello' }>): Promise<void> {
    clearTimeout(this.helloTimer);
    this.early = [];
    if (f.v !== PROTOCOL_VERSION)
      return this.close(CloseCode.UnsupportedVersion, `protocol ${PROTOCOL_VERSION} only`);
    let auth: AuthContext;
    try {
      auth = await this.deps.sessions.authenticate(f.token);
    } catch {
      return this.close(CloseCode.Unauthenticated, 'invalid session');
    }
    if (this.closed) return;
    this.auth = auth;
    this.publicId = (await this.deps.publicIdOf(auth.accountId)) ?? '';
    this.deps.registry.register(this);
    this.unsubscribers.push(
      this.deps.bus.subscribe(deviceTopic(auth.deviceId), (p) => this.onBus(p)),
      this.deps.bus.subscribe(`acct:${auth.accountId}`, (p) => this.forward(p)),
    );
    this.send({
      t: 'ready',
      v: PROTOCOL_VERSION,
      accountId: auth.accountId,
      deviceId: auth.deviceId,
      window: this.deps.window,
    });
    // From `ready` on, frames are handled as they come: nothing the client sends after it
    // waits on presence, which may be slow (a database and, with several nodes, Redis).
    const early = this.early;
    this.early = null;
    void this.pump();
    void this.deps.presence
      .online(this)
      .catch((err: unknown) => this.deps.logger.warn({ err }, 'presence update failed'));
    for (const [data, isBinary] of early ?? []) await this.onMessage(data, isBinary);
  }

  private onBus(payload: string): void {
    if (payload === REVOKED_PAYLOAD) return this.close(CloseCode.Revoked, 'session revoked');
    // Read by position, not a regular expression: this runs once per delivery.
    if (!payload.startsWith(MSG_PREFIX)) return this.forward(payload);
    const seq = Number(payload.slice(MSG_PREFIX.length, payload.indexOf(',', MSG_PREFIX.length)));
    if (seq === 0) return this.forward(payload); // ephemeral: not stored, not acked
    if (this.draining || this.behind || this.inflight.size >= this.deps.window) {
      this.behind = true;
      return;
    }
    if (this.inflight.has(seq) || this.acking.has(seq)) return;
    this.inflight.add(seq);
    this.forward(payload);
  }

  /** Sends what the database holds for this device that is not already on its way. */
  private async pump(): Promise<void> {
    if (this.fetching || this.closed || !this.auth) return;
    this.fetching = true;
    try {
      while (
        !this.closed &&
        (this.draining || this.behind) &&
        this.inflight.size < this.deps.window
      ) {
        this.behind = false;
        const room = this.deps.window - this.inflight.size;
        const limit = room + this.inflight.size + this.acking.size;
        const rows = await this.deps.mailbox.pending(this.auth.deviceId, limit);
        const fresh = rows.filter((r) => !this.inflight.has(r.seq) && !this.acking.has(r.seq));
        for (const r of fresh.slice(0, room)) {
          this.inflight.add(r.seq);
          this.forward(rowPayload(r));
        }
        if (fresh.length > room || rows.length === limit) this.behind = true;
        else if (this.draining) {
          this.draining = false;
          this.send({ t: 'drained' });
        }
      }
    } catch (err) {
      this.deps.logger.error({ err }, 'mailbox drain failed');
      this.close(CloseCode.GoingAway, 'try again');
    } finally {
      this.fetching = false;
    }
  }

  private async ack(seqs: number[]): Promise<void> {
    const mine = seqs.filter((s) => this.inflight.delete(s));
    for (const s of mine) this.acking.add(s);
    // Acks for entries this socket did not send are still honoured: they may come from a
    // previous socket of the same device. The store only ever deletes this device's rows.
    await this.deps.mailbox.ack(this.auth!.deviceId, seqs);
    for (const s of mine) this.acking.delete(s);
    if ((this.draining || this.behind) && this.inflight.size < this.deps.window) void this.pump();
  }

  send(frame: ServerFrame): void {
    this.forward(JSON.stringify(frame));
  }

  private forward(payload: string): void {
    if (this.closed) return;
    // Frames for one socket within one tick leave in a single write instead of one syscall
    // each (ws keeps the socket as `_socket`; it is what its own Sender corks).
    const socket = (this.ws as unknown as { _socket?: Socket })._socket;
    if (!this.corked && socket) {
      this.corked = true;
      socket.cork();
      process.nextTick(() => {
        this.corked = false;
        socket.uncork();
      });
    }
    this.ws.send(payload);
  }

  private error(code: ErrorCode, message: string, id?: string, retryAfterSec?: number): void {
    this.send({
      t: 'error',
      code,
      message,
      ...(id !== undefined && { id }),
      ...(retryAfterSec !== undefined && { retryAfterSec }),
    });
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.ws.close(code, reason);
    // Make the connection inert now; the socket's own close event finishes the cleanup.
    this.closed = true;
  }

  private async onClose(): Promise<void> {
    this.closed = true;
    clearTimeout(this.helloTimer);
    for (const u of this.unsubscribers) u();
    this.unsubscribers = [];
    try {
      if (this.auth) {
        this.deps.registry.unregister(this);
        await this.deps.presence.offline(this);
      }
    } catch (err) {
      this.deps.logger.warn({ err }, 'presence update on close failed');
    } finally {
      this.finished();
    }
  }
}
