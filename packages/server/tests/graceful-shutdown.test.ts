import { randomBytes } from 'node:crypto';
import type { MsgFrame } from '@kidtalk/protocol';
import { CloseCode } from '@kidtalk/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from './support/databases.js';
import { createTestDatabase, testDialects } from './support/databases.js';
import type { ServerProcess } from './support/server-process.js';
import {
  befriendOverHttp,
  directConversationOverHttp,
  killAllServers,
  signUpOverHttp,
  spawnServer,
  waitFor,
} from './support/server-process.js';
import { TestSocket } from './support/ws-client.js';

/**
 * Issue 4: on SIGTERM the gateway stops accepting, closes every socket with 1001 and loses
 * nothing — every message the server acknowledged before it stopped reaches its recipient
 * when the server is back.
 */
const DIALECTS = await testDialects();
const BURST = 600;

describe.each(DIALECTS)('graceful shutdown of the gateway on %s', (dialect) => {
  let db: TestDatabase;
  const sockets: TestSocket[] = [];
  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await killAllServers();
    await db?.drop();
  });

  it('closes sockets with 1001, exits 0 within 10 s, and loses no acknowledged message', async () => {
    db = await createTestDatabase(dialect);
    const spawn = () => spawnServer({ dataDir: db.dataDir, databaseUrl: db.url });
    let server: ServerProcess = await spawn();
    const ann = await signUpOverHttp(server, 'Ann');
    const bob = await signUpOverHttp(server, 'Bob');
    await befriendOverHttp(server, ann, bob);
    const conv = await directConversationOverHttp(server, ann, bob);

    const a = await TestSocket.connect(server.url, ann.token);
    const b = await TestSocket.connect(server.url, bob.token);
    sockets.push(a, b);
    const acknowledged = new Set<string>();
    a.ws.on('message', (data) => {
      const f = JSON.parse(String(data)) as { t: string; id?: string };
      if (f.t === 'sent' && f.id) acknowledged.add(f.id);
    });
    const ids = Array.from(
      { length: BURST },
      (_, i) => `shutdown-${i}-${randomBytes(3).toString('hex')}`,
    );
    for (const id of ids) {
      a.send({
        t: 'send',
        id,
        conv,
        epoch: 1,
        body: randomBytes(64).toString('base64url'),
        frank: randomBytes(32).toString('base64url'),
      });
    }
    await waitFor(() => acknowledged.size >= BURST / 10, 30_000, 'the first acks');

    const stoppedAt = Date.now();
    server.proc.kill('SIGTERM');
    expect(await a.closed()).toBe(CloseCode.GoingAway);
    expect(await b.closed()).toBe(CloseCode.GoingAway);
    const exit = await server.exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);

    server = await spawn();
    const again = await TestSocket.connect(server.url, bob.token);
    sockets.push(again);
    const received = new Set<string>();
    for (;;) {
      const f = await again.next((x) => x.t === 'msg' || x.t === 'drained', 30_000);
      if (f.t === 'drained') break;
      const m = f as MsgFrame;
      received.add(m.id);
      again.send({ t: 'ack', seqs: [m.seq] });
    }
    // Bob's first socket never acked, so every acknowledged message must still be stored.
    const missing = [...acknowledged].filter((id) => !received.has(id));
    expect(missing).toEqual([]);
    expect(acknowledged.size).toBeGreaterThan(0);
  });
});
