import { PROTOCOL_VERSION, WS_PATH } from '@kidtalk/protocol';
import WebSocket from 'ws';

/** The server writes `msg` and `sent` frames with their fields in this order. */
const MSG =
  /^\{"t":"msg","seq":(\d+),"kind":"[a-z]+","conv":"[^"]*","from":"[^"]*","dev":"[^"]*","id":"([^"]*)"/;
const SENT = /^\{"t":"sent","id":"([^"]*)","ts":(\d+),/;

export interface MsgLike {
  t: string;
  seq?: number;
  id?: string;
  ts?: number;
}

/**
 * A lean protocol client for load: no SDK and no encryption (the server's cost does not depend
 * on what the opaque body holds). Acks every stored message as soon as it arrives, one ack
 * frame for all that arrived in one turn, as the SDK does.
 */
export class BenchClient {
  ws!: WebSocket;
  onMsg: (m: MsgLike, now: number) => void = () => undefined;
  onSent: (id: string, ts: number) => void = () => undefined;
  private drainedResolve: (() => void) | null = null;
  private pongResolve: (() => void) | null = null;
  private acks: number[] = [];

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
    // The generator must cost less than the server it measures: the two frames of every
    // message are read by pattern, the rest parsed.
    const msg = MSG.exec(raw);
    if (msg) {
      const seq = Number(msg[1]);
      this.onMsg({ t: 'msg', seq, id: msg[2]! }, now);
      if (seq && this.acks.push(seq) === 1) {
        queueMicrotask(() => {
          this.ws.send(`{"t":"ack","seqs":[${this.acks.join(',')}]}`);
          this.acks = [];
        });
      }
      return;
    }
    const sent = SENT.exec(raw);
    if (sent) return this.onSent(sent[1]!, Number(sent[2]));
    const f = JSON.parse(raw) as MsgLike & { t: string };
    switch (f.t) {
      case 'msg':
      case 'sent':
        throw new Error(`unexpected frame layout: ${raw.slice(0, 80)}`);
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
