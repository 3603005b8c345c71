import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WS_PATH } from '@kidtalk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { MsgLike } from './bench-client.js';
import { BenchClient } from './bench-client.js';
import type { SpawnedServer } from './spawn-server.js';
import { REFERENCE_ENTRY, spawnServer } from './spawn-server.js';

/** The reference relay is only worth its figures if it does the work the bench counts. */
describe('reference relay', () => {
  let relay: SpawnedServer;
  const clients: BenchClient[] = [];
  const client = (token: string) => {
    const c = new BenchClient(relay.url, token);
    clients.push(c);
    return c;
  };
  const nextMsg = (c: BenchClient) =>
    new Promise<MsgLike>((resolve) => (c.onMsg = (m) => resolve(m)));

  beforeAll(async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kidtalk-reference-'));
    writeFileSync(
      path.join(dataDir, 'roster.json'),
      JSON.stringify({
        tokens: { 'token-ann': 'ann', 'token-bob': 'bob' },
        conversations: { 'conv-1': ['ann', 'bob'] },
      }),
    );
    relay = await spawnServer({}, undefined, dataDir, REFERENCE_ENTRY);
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await relay?.stop();
  });

  it('acks a send once stored, delivers it online, and keeps it for an offline device', async () => {
    const ann = client('token-ann');
    const bob = client('token-bob');
    await Promise.all([ann.connect(), bob.connect()]);
    const sent = new Promise<string>((resolve) => (ann.onSent = (id) => resolve(id)));
    const delivered = nextMsg(bob);
    ann.send('conv-1', 'id-online-1', 'Ym9keQ', 'ZnJhbms');
    expect(await sent).toBe('id-online-1');
    expect(await delivered).toMatchObject({ t: 'msg', id: 'id-online-1' });
    // Bob acks in a microtask after the frame: let it leave before he goes.
    await new Promise((r) => setTimeout(r, 50));
    await bob.close();
    const stored = new Promise<string>((resolve) => (ann.onSent = (id) => resolve(id)));
    ann.send('conv-1', 'id-offline-1', 'Ym9keQ', 'ZnJhbms');
    await stored;
    const again = client('token-bob');
    const ids: string[] = [];
    again.onMsg = (m) => ids.push(m.id!);
    await again.connect();
    // The acknowledged message is gone; the stored one arrives before `drained`.
    expect(ids).toEqual(['id-offline-1']);
  });

  it('refuses a token it does not know', async () => {
    const ws = new WebSocket(relay.url.replace(/^http/, 'ws') + WS_PATH);
    ws.on('open', () => ws.send(JSON.stringify({ t: 'hello', v: 1, token: 'token-nobody' })));
    const code = await new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    expect(code).toBe(4001);
  });

  it('reports its settled memory to the bench', async () => {
    const m = await relay.settledMemory();
    expect(m.heapUsed).toBeGreaterThan(0);
    expect(m.rss).toBeGreaterThan(m.heapUsed);
  });
});
