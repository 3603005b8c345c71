import 'fake-indexeddb/auto';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { appendFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDriver from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ClientStore } from '../src/index.js';
import { IndexedDbStore, MemoryStore } from '../src/index.js';
import { FileStore, SqliteStore } from '../src/node.js';
import { append, del, set } from '../src/store/client-store.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'kidtalk-store-'));
let idbSeq = 0;

/** Each kind of store, plus how to reopen it as after a restart (null: it cannot persist). */
const kinds: [
  string,
  () => Promise<{ store: ClientStore; reopen: (() => Promise<ClientStore>) | null }>,
][] = [
  ['MemoryStore', async () => ({ store: new MemoryStore(), reopen: null })],
  [
    'FileStore',
    async () => {
      const dir = tmp();
      return { store: await FileStore.open(dir), reopen: () => FileStore.open(dir) };
    },
  ],
  [
    'SqliteStore',
    async () => {
      const dir = tmp();
      return { store: await SqliteStore.open(dir), reopen: () => SqliteStore.open(dir) };
    },
  ],
  [
    'IndexedDbStore',
    async () => {
      const name = `kidtalk-test-${idbSeq++}`;
      return { store: await IndexedDbStore.open(name), reopen: () => IndexedDbStore.open(name) };
    },
  ],
];

describe.each(kinds)('%s', (_name, make) => {
  it('keeps keys, prefixes and lists', async () => {
    const { store } = await make();
    await store.write([set('outbox:b', { n: 2 }), set('outbox:a', { n: 1 }), set('other', 'x')]);
    await store.write([
      append('messages:c', { i: 0 }),
      append('messages:c', { i: 1 }),
      append('messages:d', 9),
    ]);
    expect(await store.get('outbox:a')).toEqual({ n: 1 });
    expect(await store.get('missing')).toBeUndefined();
    expect(await store.keys('outbox:')).toEqual(['outbox:a', 'outbox:b']);
    expect(await store.list('messages:c')).toEqual([{ i: 0 }, { i: 1 }]);
    expect(await store.list('nothing')).toEqual([]);
    await store.write([del('outbox:a')]);
    expect(await store.keys('outbox:')).toEqual(['outbox:b']);
    // What a caller read is a copy: mutating it changes nothing stored.
    const read = (await store.get<{ n: number }>('outbox:b'))!;
    read.n = 99;
    expect(await store.get('outbox:b')).toEqual({ n: 2 });
    await store.close();
  });

  it('survives a reopen with the same data and the same storage key', async () => {
    const { store, reopen } = await make();
    if (!reopen) return;
    const key = await store.storageKey();
    const iv = new Uint8Array(12);
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode('secret')),
    );
    await store.write([set('k', 'v'), append('l', 1)]);
    await store.write([append('l', 2), del('gone')]);
    await store.close();
    const again = await reopen();
    expect(await again.get('k')).toBe('v');
    expect(await again.list('l')).toEqual([1, 2]);
    const opened = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv },
      await again.storageKey(),
      sealed,
    );
    expect(new TextDecoder().decode(opened)).toBe('secret');
    await again.close();
  });

  it('clears everything, the storage key too, stays usable, and stays empty after a reopen', async () => {
    const { store, reopen } = await make();
    const key = await store.storageKey();
    const iv = new Uint8Array(12);
    const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new Uint8Array(4));
    await store.write([set('session', { t: 1 }), set('outbox:a', 1), append('messages:c', 'hi')]);
    await store.clear();
    expect(await store.keys('')).toEqual([]);
    expect(await store.list('messages:c')).toEqual([]);
    expect(await store.get('session')).toBeUndefined();
    // What the old key sealed cannot be opened with whatever key comes next.
    const fresh = await store.storageKey();
    await expect(
      crypto.subtle.decrypt({ name: 'AES-GCM', iv }, fresh, sealed),
    ).rejects.toBeTruthy();
    await store.write([set('after', 2)]);
    expect(await store.keys('')).toEqual(['after']);
    await store.close();
    if (!reopen) return;
    const again = await reopen();
    expect(await again.keys('')).toEqual(['after']);
    expect(await again.list('messages:c')).toEqual([]);
    await again.close();
  });

  it('hands out a non-extractable storage key', async () => {
    const { store } = await make();
    const key = await store.storageKey();
    expect(key.extractable).toBe(false);
    expect(await store.storageKey()).toBe(key);
    await store.close();
  });
});

describe('FileStore crash safety', () => {
  it('drops a torn last line (a write that never resolved) and keeps everything before', async () => {
    const dir = tmp();
    const store = await FileStore.open(dir);
    await store.write([set('a', 1)]);
    await store.write([set('b', 2)]);
    await store.close();
    await appendFile(join(dir, 'log-0.jsonl'), '[{"op":"set","key":"c","val');
    const again = await FileStore.open(dir);
    expect(await again.get('a')).toBe(1);
    expect(await again.get('b')).toBe(2);
    expect(await again.get('c')).toBeUndefined();
    await again.write([set('d', 4)]); // the torn tail was cut, so new lines parse
    await again.close();
    const third = await FileStore.open(dir);
    expect(await third.get('d')).toBe(4);
    await third.close();
  });

  it('compacts into a snapshot without replaying appends twice', async () => {
    const dir = tmp();
    const store = await FileStore.open(dir, { compactAfter: 10 });
    const writes = [];
    for (let i = 0; i < 35; i++) writes.push(store.write([append('l', i), set('last', i)]));
    await Promise.all(writes);
    await store.close();
    expect((await readdir(dir)).filter((f) => f.startsWith('log-'))).toHaveLength(1);
    const again = await FileStore.open(dir, { compactAfter: 10 });
    expect(await again.list('l')).toEqual([...Array(35).keys()]);
    expect(await again.get('last')).toBe(34);
    await again.close();
  });

  it('applies pipelined writes in call order', async () => {
    const dir = tmp();
    const store = await FileStore.open(dir);
    const order: number[] = [];
    await Promise.all(
      [...Array(50).keys()].map((i) => store.write([set('x', i)]).then(() => order.push(i))),
    );
    expect(order).toEqual([...Array(50).keys()]);
    await store.close();
    const again = await FileStore.open(dir);
    expect(await again.get('x')).toBe(49);
    await again.close();
  });
});

describe('SqliteStore', () => {
  it('keeps the outbox and state written before the process is killed, and not an unresolved write', async () => {
    const dir = tmp();
    const storeUrl = new URL('../src/store/sqlite-store.ts', import.meta.url).href;
    // A separate process that is SIGKILLed: no close(), no exit handlers.
    const script = `
      import { SqliteStore } from ${JSON.stringify(storeUrl)};
      const store = await SqliteStore.open(${JSON.stringify(dir)});
      await store.write([
        { op: 'set', key: 'session', value: { token: 't1' } },
        { op: 'set', key: 'outbox:01', value: { conv: 'c', body: 'hi' } },
      ]);
      await Promise.all([
        store.write([{ op: 'set', key: 'outbox:02', value: { conv: 'c', body: 'again' } }]),
        store.write([{ op: 'append', list: 'messages:c', value: { seq: 1 } }]),
      ]);
      store.write([{ op: 'set', key: 'outbox:03', value: 'never resolved' }]);
      process.kill(process.pid, 'SIGKILL');
    `;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const signal = await new Promise((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    expect(signal, stderr).toBe('SIGKILL');
    const again = await SqliteStore.open(dir);
    expect(await again.get('session')).toEqual({ token: 't1' });
    expect(await again.keys('outbox:')).toEqual(['outbox:01', 'outbox:02']);
    expect(await again.get('outbox:02')).toEqual({ conv: 'c', body: 'again' });
    expect(await again.list('messages:c')).toEqual([{ seq: 1 }]);
    await again.close();
  });

  it('commits writes still pending at close()', async () => {
    const dir = tmp();
    const store = await SqliteStore.open(dir);
    const pending = [store.write([set('outbox:a', 1)]), store.write([append('l', 'x')])];
    await store.close();
    await Promise.all(pending);
    const again = await SqliteStore.open(dir);
    expect(await again.get('outbox:a')).toBe(1);
    expect(await again.list('l')).toEqual(['x']);
    await again.close();
  });

  it('drops a failed write whole while the writes around it in the same batch stand', async () => {
    const dir = tmp();
    const store = await SqliteStore.open(dir);
    const before = store.write([set('a', 1)]);
    const bad = store.write([set('b', 2), append('l', 1), set('c', 10n)]);
    const after = store.write([set('d', 4)]);
    await expect(bad).rejects.toThrow();
    await Promise.all([before, after]);
    await store.close();
    const again = await SqliteStore.open(dir);
    expect(await again.get('a')).toBe(1);
    expect(await again.get('b')).toBeUndefined();
    expect(await again.list('l')).toEqual([]);
    expect(await again.get('d')).toBe(4);
    await again.close();
  });

  it('applies pipelined writes in call order, on a WAL database', async () => {
    const dir = tmp();
    const store = await SqliteStore.open(dir);
    const order: number[] = [];
    await Promise.all(
      [...Array(50).keys()].map((i) =>
        store.write([set('x', i), append('l', i)]).then(() => order.push(i)),
      ),
    );
    expect(order).toEqual([...Array(50).keys()]);
    await store.close();
    const raw = new SqliteDriver(join(dir, 'client.sqlite'), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const again = await SqliteStore.open(dir);
    expect(await again.get('x')).toBe(49);
    expect(await again.list('l')).toEqual([...Array(50).keys()]);
    await again.close();
  });

  it('lists keys by prefix, beyond ASCII too, in the same order as the other stores', async () => {
    const store = await SqliteStore.open(tmp());
    const memory = new MemoryStore();
    const keys = ['p:\u{1F600}', 'p:\uFF21', 'p:a', 'p', 'q:a', 'p:'];
    for (const s of [store, memory]) await s.write(keys.map((k) => set(k, k)));
    expect(await store.keys('p:')).toEqual(await memory.keys('p:'));
    expect(await store.keys('')).toEqual(await memory.keys(''));
    await store.close();
  });
});
