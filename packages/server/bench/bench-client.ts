import { PROTOCOL_VERSION, WS_PATH } from '@kidtalk/protocol';
import WebSocket from 'ws';

export interface MsgLike {
  t: string;
  seq?: number;
  id?: string;
  ts?: number;
}

/**
 * A lean protocol client for load: no SDK and no encryption (the server's cost does not depend
 * on what the opaque body holds). Acks every stored message as soon as it arrives.
 */
export class BenchClient {
  ws!: WebSocket;
  onMsg: (m: MsgLike, now: number) => void = () => undefined;
  onSent: (id: string, ts: number) => void = () => undefined;
  private drainedResolve: (() => void) | null = null;
  private pongResolve: (() => void) | null = null;
  ackAt = new Map<string, number>();

  constructor(
    readonly url: string,
    readonly token: string,
  ) {}

  /** Resolves once the server sent `drained` (everything stored for it has arrived). */
  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.drainedResolve = resolve;
      this.ws = new WebSocket(this.url.replace(/^http/, 'ws') + WS_PATH, {
        perMessageDeflate: false,
      });
      this.ws.once('error', reject);
      this.ws.on('open', () =>
        this.ws.send(JSON.stringify({ t: 'hello', v: PROTOCOL_VERSION, token: this.token })),
      );
      this.ws.on('message', (data) => this.onFrame(String(data)));
    });
  }

  private onFrame(raw: string): void {
    const now = performance.now();
    const f = JSON.parse(raw) as MsgLike & { t: string };
    switch (f.t) {
      case 'msg':
        this.onMsg(f, now);
        if (f.seq) {
          this.ws.send(`{"t":"ack","seqs":[${f.seq}]}`);
          if (f.id) this.ackAt.set(f.id, Date.now());
        }
        return;
      case 'sent':
        return this.onSent(f.id!, f.ts!);
      case 'drained':
        this.drainedResolve?.();
        this.drainedResolve = null;
        return;
      case 'pong':
        this.pongResolve?.();
        this.pongResolve = null;
        return;
    }
  }

  send(conv: string, id: string, body: string, frank: string): void {
    this.ws.send(
      `{"t":"send","id":"${id}","conv":"${conv}","epoch":1,"body":"${body}","frank":"${frank}"}`,
    );
  }

  ping(): Promise<void> {
    return new Promise((resolve) => {
      this.pongResolve = resolve;
      this.ws.send('{"t":"ping"}');
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
