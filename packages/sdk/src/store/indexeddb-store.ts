import { generateStorageKey } from '@kidtalk/crypto';
import { KidTalkError } from '../errors.js';
import type { ClientStore, StoreOp } from './client-store.js';

const KV = 'kv';
const LISTS = 'lists';
const STORAGE_KEY = '\u0000storage-key';

/**
 * Browser store. One IndexedDB database per signed-in device; every write() is one readwrite
 * transaction over both object stores, so it commits whole or not at all, and IndexedDB runs
 * overlapping readwrite transactions in creation order. The storage key is a non-extractable
 * CryptoKey kept as a structured-clone value: page script can use it, never export it.
 *
 * clear() erases every record and then deletes the database, so not even an empty one is left
 * to show the app was used; the next call creates it afresh.
 *
 * When another tab's store deletes the database (a sign-out there, or another account signing
 * in), this one lets go of its connection and tells its client (onWipedElsewhere), which ends
 * its session too. Until that client's own clear() says it has let go, this store reads as
 * empty and refuses writes: what this tab still had in flight belongs to the session that was
 * signed out, and must not recreate the database with it, or land among the next account's
 * records (P23).
 */
export class IndexedDbStore implements ClientStore {
  private key: Promise<CryptoKey> | undefined;
  /** The open connection; none after a wipe (or another tab's) until the next call. */
  private db: Promise<IDBDatabase> | undefined;
  /** The last wipe: a new connection waits for its deletion. */
  private wiped: Promise<void> = Promise.resolve();
  private closed = false;
  /** Another tab wiped the database, and this store's client has not caught up yet. */
  private wipedElsewhere = false;
  private readonly wipeListeners = new Set<() => void>();

  private constructor(
    private readonly name: string,
    private readonly factory: IDBFactory,
  ) {}

  static async open(
    name = 'kidtalk',
    factory: IDBFactory = globalThis.indexedDB,
  ): Promise<IndexedDbStore> {
    const store = new IndexedDbStore(name, factory);
    await store.connection();
    return store;
  }

  async get<T>(key: string): Promise<T | undefined> {
    if (this.wipedElsewhere) return undefined;
    const db = await this.connection();
    return (await done(db.transaction(KV).objectStore(KV).get(key))) as T | undefined;
  }

  async keys(prefix: string): Promise<string[]> {
    if (this.wipedElsewhere) return [];
    const range = IDBKeyRange.bound(prefix, prefix + '\uffff');
    const db = await this.connection();
    const keys = await done(db.transaction(KV).objectStore(KV).getAllKeys(range));
    return (keys as string[]).filter((k) => k !== STORAGE_KEY).sort();
  }

  async list<T>(name: string): Promise<T[]> {
    if (this.wipedElsewhere) return [];
    const db = await this.connection();
    const index = db.transaction(LISTS).objectStore(LISTS).index('list');
    // Entries with equal index keys come back in primary-key (= append) order.
    const rows = (await done(index.getAll(name))) as { list: string; value: T }[];
    return rows.map((r) => r.value);
  }

  // Every call awaits the same connection promise, so transactions are still created in call
  // order, and IndexedDB applies them in that order.
  async write(ops: readonly StoreOp[]): Promise<void> {
    if (this.wipedElsewhere) throw wipedError();
    const db = await this.connection();
    const tx = db.transaction([KV, LISTS], 'readwrite', { durability: 'strict' });
    const kv = tx.objectStore(KV);
    const lists = tx.objectStore(LISTS);
    for (const o of ops) {
      if (o.op === 'set') kv.put(o.value, o.key);
      else if (o.op === 'delete') kv.delete(o.key);
      else lists.add({ list: o.list, value: o.value });
    }
    return committed(tx);
  }

  storageKey(): Promise<CryptoKey> {
    if (this.wipedElsewhere) return Promise.reject(wipedError());
    this.key ??= this.loadKey();
    return this.key;
  }

  private async loadKey(): Promise<CryptoKey> {
    const db = await this.connection();
    const existing = (await done(db.transaction(KV).objectStore(KV).get(STORAGE_KEY))) as
      CryptoKey | undefined;
    if (existing) return existing;
    const fresh = await generateStorageKey();
    // Another tab may have created one meanwhile: keep whichever landed first.
    const tx = (await this.connection()).transaction(KV, 'readwrite');
    const store = tx.objectStore(KV);
    const again = (await done(store.get(STORAGE_KEY))) as CryptoKey | undefined;
    if (again) return again;
    store.put(fresh, STORAGE_KEY);
    await committed(tx);
    return fresh;
  }

  /**
   * Erases every record, the storage key included, in one transaction, then closes the
   * connection and deletes the database. The erase comes first so that the wipe holds at once
   * even when the deletion has to wait: our stores in other tabs close their connections when
   * asked, but a connection that does not (an older version of the app in another tab) blocks
   * it. clear() then resolves on `blocked` rather than wait for that tab; the browser keeps the
   * deletion queued and removes the (already empty) database once that tab closes it, and this
   * store's next call, which reopens the database, waits for the same moment.
   */
  clear(): Promise<void> {
    this.key = undefined;
    // The wipe already happened, in the other tab; the database may hold the next session now.
    if (this.wipedElsewhere) {
      this.wipedElsewhere = false;
      return this.wiped;
    }
    const open = this.db;
    this.db = undefined;
    const wipe = this.wiped.then(async () => {
      const db = await open?.catch(() => undefined);
      let failed: { error: unknown } | undefined;
      if (db) {
        await erase(db).catch((error: unknown) => (failed = { error }));
        db.close();
      }
      const outcome = await deleteDatabase(this.factory, this.name);
      // A failed erase is made good only by a deletion that went through.
      if (failed && outcome === 'blocked') throw failed.error;
    });
    this.wiped = wipe.catch(() => undefined);
    return wipe;
  }

  /** `listener` runs when another tab's store deletes the database; returns the unsubscribe. */
  onWipedElsewhere(listener: () => void): () => void {
    this.wipeListeners.add(listener);
    return () => this.wipeListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    const open = this.db;
    this.db = undefined;
    await this.wiped;
    (await open?.catch(() => undefined))?.close();
  }

  private connection(): Promise<IDBDatabase> {
    if (this.closed) return Promise.reject(new Error('the store is closed'));
    if (this.db) return this.db;
    const opening = this.wiped.then(() => connect(this.name, this.factory));
    this.db = opening;
    opening.then(
      (db) => {
        // Another tab deletes (wipes) the database: let it, and reconnect on the next call.
        db.onversionchange = (e) => {
          db.close();
          if (this.db === opening) this.db = undefined;
          if (e.newVersion !== null) return;
          this.key = undefined;
          this.wipedElsewhere = true;
          for (const listener of this.wipeListeners) listener();
        };
      },
      () => {
        if (this.db === opening) this.db = undefined;
      },
    );
    return opening;
  }
}

const wipedError = () =>
  new KidTalkError('SESSION_ENDED', 'another tab wiped this device; sign in again');

/** The storage key lives in KV, so it goes in the same transaction as the data it sealed. */
async function erase(db: IDBDatabase): Promise<void> {
  const tx = db.transaction([KV, LISTS], 'readwrite', { durability: 'strict' });
  tx.objectStore(KV).clear();
  tx.objectStore(LISTS).clear();
  await committed(tx);
}

function connect(name: string, factory: IDBFactory): Promise<IDBDatabase> {
  const req = factory.open(name, 1);
  req.onupgradeneeded = () => {
    const db = req.result;
    db.createObjectStore(KV);
    db.createObjectStore(LISTS, { autoIncrement: true }).createIndex('list', 'list');
  };
  return done(req);
}

/** Resolves once the database is gone, or on `blocked` (see clear()). */
function deleteDatabase(factory: IDBFactory, name: string): Promise<'deleted' | 'blocked'> {
  return new Promise((resolve, reject) => {
    const req = factory.deleteDatabase(name);
    req.onsuccess = () => resolve('deleted');
    req.onblocked = () => resolve('blocked');
    req.onerror = () => reject(req.error);
  });
}

function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}
