import 'fake-indexeddb/auto';
import { mkdtempSync } from 'node:fs';
import { appendFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ClientStore } from '../src/index.js';
import { IndexedDbStore, MemoryStore } from '../src/index.js';
import { FileStore } from '../src/node.js';
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
