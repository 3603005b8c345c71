import { generateStorageKey } from '@kidtalk/crypto';
import type { ClientStore, StoreOp } from './client-store.js';

const KV = 'kv';
const LISTS = 'lists';
const STORAGE_KEY = '\u0000storage-key';

/**
 * Browser store. One IndexedDB database per signed-in device; every write() is one readwrite
 * transaction over both object stores, so it commits whole or not at all, and IndexedDB runs
 * overlapping readwrite transactions in creation order. The storage key is a non-extractable
 * CryptoKey kept as a structured-clone value: page script can use it, never export it.
 */
export class IndexedDbStore implements ClientStore {
  private key: Promise<CryptoKey> | undefined;

  private constructor(private readonly db: IDBDatabase) {}

  static async open(
    name = 'kidtalk',
    factory: IDBFactory = globalThis.indexedDB,
  ): Promise<IndexedDbStore> {
    const req = factory.open(name, 1);
    req.onupgradeneeded = () => {
      const db = req.result;
      db.createObjectStore(KV);
      db.createObjectStore(LISTS, { autoIncrement: true }).createIndex('list', 'list');
    };
    return new IndexedDbStore(await done(req));
  }

  async get<T>(key: string): Promise<T | undefined> {
    return (await done(this.db.transaction(KV).objectStore(KV).get(key))) as T | undefined;
  }

  async keys(prefix: string): Promise<string[]> {
    const range = IDBKeyRange.bound(prefix, prefix + '\uffff');
    const keys = await done(this.db.transaction(KV).objectStore(KV).getAllKeys(range));
    return (keys as string[]).filter((k) => k !== STORAGE_KEY).sort();
  }

  async list<T>(name: string): Promise<T[]> {
    const index = this.db.transaction(LISTS).objectStore(LISTS).index('list');
    // Entries with equal index keys come back in primary-key (= append) order.
    const rows = (await done(index.getAll(name))) as { list: string; value: T }[];
    return rows.map((r) => r.value);
  }

  write(ops: readonly StoreOp[]): Promise<void> {
    const tx = this.db.transaction([KV, LISTS], 'readwrite', { durability: 'strict' });
    const kv = tx.objectStore(KV);
    const lists = tx.objectStore(LISTS);
    for (const o of ops) {
      if (o.op === 'set') kv.put(o.value, o.key);
      else if (o.op === 'delete') kv.delete(o.key);
      else lists.add({ list: o.list, value: o.value });
    }
    return new Promise((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
    });
  }

  storageKey(): Promise<CryptoKey> {
    this.key ??= this.loadKey();
    return this.key;
  }

  private async loadKey(): Promise<CryptoKey> {
    const existing = (await done(this.db.transaction(KV).objectStore(KV).get(STORAGE_KEY))) as
      CryptoKey | undefined;
    if (existing) return existing;
    const fresh = await generateStorageKey();
    // Another tab may have created one meanwhile: keep whichever landed first.
    const tx = this.db.transaction(KV, 'readwrite');
    const store = tx.objectStore(KV);
    const again = (await done(store.get(STORAGE_KEY))) as CryptoKey | undefined;
    if (again) return again;
    store.put(fresh, STORAGE_KEY);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    return fresh;
  }

  clear(): Promise<void> {
    this.key = undefined;
    // The storage key lives in KV, so it goes in the same transaction as the data it sealed.
    const tx = this.db.transaction([KV, LISTS], 'readwrite', { durability: 'strict' });
    tx.objectStore(KV).clear();
    tx.objectStore(LISTS).clear();
    return new Promise((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
    });
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
