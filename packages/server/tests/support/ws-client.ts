import type { ServerFrame } from '@kidtalk/protocol';
import { PROTOCOL_VERSION, WS_PATH } from '@kidtalk/protocol';
import WebSocket from 'ws';

/** A bare protocol client for tests: no SDK, every frame visible. */
export class TestSocket {
  readonly frames: ServerFrame[] = [];
  closeCode: number | null = null;
  private waiters: { pred: (f: ServerFrame) => boolean; resolve: (f: ServerFrame) => void }[] = [];
  private closeWaiters: ((code: number) => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const f = JSON.parse(String(data)) as ServerFrame;
      this.frames.push(f);
      this.waiters = this.waiters.filter((w) => (w.pred(f) ? (w.resolve(f), false) : true));
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      for (const w of this.closeWaiters) w(code);
    });
  }

  static async open(baseUrl: string, headers: Record<string, string> = {}): Promise<TestSocket> {
    const ws = new WebSocket(baseUrl.replace(/^http/, 'ws') + WS_PATH, { headers });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    });
    return new TestSocket(ws);
  }

  /** Opens and authenticates; resolves once the server said `ready`. */
  static async connect(baseUrl: string, token: string): Promise<TestSocket> {
    const s = await TestSocket.open(baseUrl);
    s.send({ t: 'hello', v: PROTOCOL_VERSION, token });
    await s.next((f) => f.t === 'ready');
    return s;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The first frame, already received or still to come, that matches. */
  next<T extends ServerFrame = ServerFrame>(
    pred: (f: ServerFrame) => boolean,
    timeoutMs = 10_000,
  ): Promise<T> {
    const seen = this.frames.find(pred);
    if (seen) {
      this.frames.splice(this.frames.indexOf(seen), 1);
      return Promise.resolve(seen as T);
    }
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a frame')), timeoutMs);
      this.waiters.push({
        pred,
        resolve: (f) => {
          clearTimeout(timer);
          this.frames.splice(this.frames.indexOf(f), 1);
          resolve(f as T);
        },
      });
    });
  }

  closed(timeoutMs = 10_000): Promise<number> {
    if (this.closeCode !== null) return Promise.resolve(this.closeCode);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
      this.closeWaiters.push((c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
  }

  /** Waits a little for frames that should NOT arrive, then returns what did. */
  async quiet(ms = 300): Promise<ServerFrame[]> {
    await new Promise((r) => setTimeout(r, ms));
    return this.frames.splice(0);
  }

  close(): void {
    this.ws.close();
  }
}
