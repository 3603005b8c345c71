import type { ClientFrame, ReadyFrame, ServerFrame } from '@kidtalk/protocol';
import { CloseCode, PROTOCOL_VERSION, WS_PATH } from '@kidtalk/protocol';
import type { BackoffOptions } from './backoff.js';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';

/** What the SDK needs of a WebSocket; both the browser's and the `ws` package's fit. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

/** globalThis.WebSocket in browsers; `import { WebSocket } from 'ws'` in Node. */
export type WebSocketConstructor = abstract new (url: string) => unknown;

export type ConnectionState = 'connecting' | 'ready' | 'offline' | 'stopped';

/** Why the server ended the session for good; reconnecting would not help. */
export type EndReason = 'replaced' | 'revoked' | 'unauthenticated' | 'unsupported_version';

const FINAL: Record<number, EndReason> = {
  [CloseCode.Replaced]: 'replaced',
  [CloseCode.Revoked]: 'revoked',
  [CloseCode.Unauthenticated]: 'unauthenticated',
  [CloseCode.UnsupportedVersion]: 'unsupported_version',
};

export interface SocketHandlers {
  onState(state: ConnectionState, info: { attempt: number; delayMs?: number; code?: number }): void;
  onReady(frame: ReadyFrame): void;
  onFrame(frame: ServerFrame): void;
  onEnded(reason: EndReason, code: number): void;
}

export interface SocketOptions {
  url: string;
  WebSocket: WebSocketConstructor;
  token: () => string | undefined;
  backoff?: BackoffOptions;
  random?: () => number;
  /** An app-level ping this often; no frame for two intervals means the link is dead. */
  pingIntervalMs?: number;
}

const OPEN = 1;

/**
 * One logical connection that outlives sockets: hello on open, full-jitter backoff between
 * attempts (reset once the server says `ready`), and a stop — not a retry storm — when the
 * server closes with replaced / revoked / unauthenticated.
 */
export class ReconnectingSocket {
  private ws: WebSocketLike | null = null;
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private lastHeard = 0;
  private running = false;
  private isReady = false;

  constructor(
    private readonly options: SocketOptions,
    private readonly handlers: SocketHandlers,
  ) {}

  get ready(): boolean {
    return this.isReady;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.attempt = 0;
    this.open();
  }

  stop(): void {
    this.running = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.drop(1000, 'client stopped');
    this.handlers.onState('stopped', { attempt: this.attempt });
  }

  /** False when there is no ready socket; the caller keeps the frame (the outbox does). */
  send(frame: ClientFrame): boolean {
    if (!this.isReady || !this.ws || this.ws.readyState !== OPEN) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  /** Closes the current socket as if the network dropped; the retry loop takes over. */
  reconnect(): void {
    if (!this.running || !this.ws) return;
    this.lost(1006);
  }

  private open(): void {
    const token = this.options.token();
    if (!token) {
      this.running = false;
      this.handlers.onEnded('unauthenticated', CloseCode.Unauthenticated);
      return;
    }
    this.handlers.onState('connecting', { attempt: this.attempt });
    const url = this.options.url.replace(/^http/, 'ws') + WS_PATH;
    let ws: WebSocketLike;
    try {
      ws = new (this.options.WebSocket as unknown as new (url: string) => WebSocketLike)(url);
    } catch {
      return this.retry();
    }
    this.ws = ws;
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.lastHeard = Date.now();
      ws.send(JSON.stringify({ t: 'hello', v: PROTOCOL_VERSION, token }));
      this.startPing();
    };
    ws.onmessage = (ev) => {
      if (this.ws !== ws) return;
      this.lastHeard = Date.now();
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(ev.data)) as ServerFrame;
      } catch {
        return; // the server only sends JSON; anything else is noise, not a reason to drop
      }
      if (frame.t === 'ready') {
        this.isReady = true;
        this.attempt = 0;
        this.handlers.onState('ready', { attempt: 0 });
        this.handlers.onReady(frame);
        return;
      }
      if (frame.t === 'pong') return;
      this.handlers.onFrame(frame);
    };
    ws.onclose = (ev) => {
      if (this.ws === ws) this.lost(ev.code);
    };
    ws.onerror = () => {
      // Always followed by a close event, which decides what happens next.
    };
  }

  private lost(code: number): void {
    this.drop(1000, 'reconnecting');
    if (!this.running) return;
    const reason = FINAL[code];
    if (reason) {
      this.running = false;
      this.handlers.onState('stopped', { attempt: this.attempt, code });
      this.handlers.onEnded(reason, code);
      return;
    }
    this.retry(code);
  }

  private retry(code?: number): void {
    const delayMs = backoffDelay(
      this.attempt++,
      this.options.backoff ?? DEFAULT_BACKOFF,
      this.options.random,
    );
    this.handlers.onState('offline', {
      attempt: this.attempt,
      delayMs,
      ...(code !== undefined && { code }),
    });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.running) this.open();
    }, delayMs);
  }

  /** Detaches the socket first, so its late events cannot touch the next one. */
  private drop(code: number, reason: string): void {
    this.isReady = false;
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
    const ws = this.ws;
    this.ws = null;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = null;
    try {
      ws.close(code, reason);
    } catch {
      // Closing a socket that never opened throws in some implementations.
    }
  }

  private startPing(): void {
    const every = this.options.pingIntervalMs ?? 25_000;
    this.pingTimer = setInterval(() => {
      if (Date.now() - this.lastHeard > 2 * every) return this.lost(1006);
      this.send({ t: 'ping' });
    }, every);
  }
}
