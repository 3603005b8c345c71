import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { CloseCode, MAX_FRAME_BYTES, WS_PATH } from '@kidtalk/protocol';
import { WebSocketServer } from 'ws';
import type { KidTalkApp } from '../api/types.js';
import { Connection } from './connection.js';
import type { ConnectionRegistry } from './connection-registry.js';
import type { GatewayDeps } from './gateway-deps.js';

const HEARTBEAT_MS = 30_000;

/**
 * The WebSocket endpoint. Upgrades are accepted only on WS_PATH and only from allowed
 * origins (a request without Origin is a native client, not a browser page, and is allowed);
 * the session token comes in the first frame, never a cookie, so a page on another site
 * cannot ride a user's session.
 */
export class Gateway {
  private readonly wss: WebSocketServer;
  private readonly heartbeat: NodeJS.Timeout;
  private accepting = true;

  constructor(
    app: KidTalkApp,
    private readonly deps: GatewayDeps,
    private readonly allowedOrigins: ReadonlySet<string>,
  ) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: MAX_FRAME_BYTES,
      perMessageDeflate: false,
      clientTracking: false,
    });
    app.server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get registry(): ConnectionRegistry {
    return this.deps.registry;
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '').split('?')[0];
    const origin = req.headers.origin;
    const refuse = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (path !== WS_PATH) return refuse('404 Not Found');
    if (!this.accepting) return refuse('503 Service Unavailable');
    if (origin !== undefined && !this.allowedOrigins.has(origin)) return refuse('403 Forbidden');
    this.wss.handleUpgrade(req, socket, head, (ws) => new Connection(ws, this.deps));
  }

  private beat(): void {
    for (const c of this.deps.registry.all) {
      if (!c.alive) {
        c.ws.terminate();
        continue;
      }
      c.alive = false;
      c.ws.ping();
    }
  }

  /**
   * Stops accepting, tells every client to come back later (1001), and waits until every
   * accepted message is durable and every ack applied. Nothing acknowledged is lost: a client
   * resends whatever it has not seen acknowledged.
   */
  async close(): Promise<void> {
    this.accepting = false;
    clearInterval(this.heartbeat);
    for (const c of [...this.deps.registry.all])
      c.close(CloseCode.GoingAway, 'server shutting down');
    await this.deps.mailbox.settle();
    this.wss.close();
  }
}
