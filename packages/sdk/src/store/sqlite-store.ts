import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import SqliteDriver from 'better-sqlite3';
import type { ClientStore, StoreOp } from './client-store.js';
import { loadStorageKeyFile } from './node-storage-key.js';

/*
 * Node only. One SQLite database in WAL mode (synchronous=FULL, so a commit is on disk when it
 * returns) plus the storage key in its own file:
 *   client.sqlite      kv(key, value) and list_items(seq, list, value); values are JSON text
 *   storage.key        32 raw bytes, mode 0600
 * A write() is applied at once inside the open transaction (so reads see it), under its own
 * savepoint (so a write that fails leaves nothing behind and the others stand). Writes issued
 * in the same turn share one transaction, committed on the next turn: one fsync for many
 * messages, and a crash before the commit loses only writes that never resolved.
 */

const SCHEMA = `
CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS list_items (
  seq INTEGER PRIMARY KEY,
  list TEXT NOT NULL,
  value TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS list_items_by_list ON list_items (list, seq);
`;

interface Pending {
  resolve(): void;
  reject(err: unknown): void;
}

export class SqliteStore implements ClientStore {
  private readonly stmt: ReturnType<typeof prepare>;
  private readonly apply: (ops: readonly StoreOp[]) => void;
  private batch: Pending[] | null = null;
  private key: Promise<CryptoKey> | undefined;
  private closed = false;

  private constructor(
    readonly dir: string,
    private readonly db: SqliteDriver.Database,
  ) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
    this.stmt = prepare(db);
    // Called inside the batch's open transaction, better-sqlite3 runs this as a savepoint.
    this.apply = db.transaction((ops: readonly StoreOp[]) => {
      for (const o of ops) {
        if (o.op === 'set') this.stmt.set.run(o.key, json(o.value));
        else if (o.op === 'delete') this.stmt.delete.run(o.key);
        else this.stmt.append.run(o.list, json(o.value));
      }
    });
  }

  static async open(dir: string): Promise<SqliteStore> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    return new SqliteStore(dir, new SqliteDriver(join(dir, 'client.sqlite')));
  }

  async get<T>(key: string): Promise<T | undefined> {
    const row = this.stmt.get.get(key);
    return row === undefined ? undefined : (JSON.parse(row.value) as T);
  }

  async keys(prefix: string): Promise<string[]> {
    const out: string[] = [];
    for (const { key } of this.stmt.keysFrom.iterate(prefix)) {
      if (!key.startsWith(prefix)) break;
      out.push(key);
    }
    // The other stores sort by UTF-16 code units; SQLite sorted by bytes.
    return out.sort();
  }

  async list<T>(name: string): Promise<T[]> {
    return this.stmt.list.all(name).map((r) => JSON.parse(r.value) as T);
  }

  write(ops: readonly StoreOp[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('store closed'));
    try {
      if (!this.batch) {
        this.db.exec('BEGIN IMMEDIATE');
        this.batch = [];
        setImmediate(() => this.commit());
      }
      this.apply(ops);
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<void>((resolve, reject) => this.batch!.push({ resolve, reject }));
  }

  private commit(): void {
    const batch = this.batch;
    if (!batch) return;
    this.batch = null;
    try {
      this.db.exec('COMMIT');
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      for (const p of batch) p.reject(err);
      return;
    }
    for (const p of batch) p.resolve();
  }

  storageKey(): Promise<CryptoKey> {
    this.key ??= loadStorageKeyFile(join(this.dir, 'storage.key'));
    return this.key;
  }

  async clear(): Promise<void> {
    if (this.closed) throw new Error('store closed');
    this.commit();
    // secure_delete zeroes freed pages; the checkpoint and VACUUM leave no old page in the WAL
    // or the free list, so the erased rows cannot be read back from the files.
    this.db.pragma('secure_delete = ON');
    this.db.exec('DELETE FROM kv; DELETE FROM list_items;');
    this.db.exec('VACUUM');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.key = undefined;
    await rm(join(this.dir, 'storage.key'), { force: true });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.commit();
    this.db.close();
  }
}

function json(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('store values must be JSON');
  return text;
}

function prepare(db: SqliteDriver.Database) {
  return {
    get: db.prepare<[string], { value: string }>('SELECT value FROM kv WHERE key = ?'),
    // In byte order, every key that starts with a prefix sorts right after it, together.
    keysFrom: db.prepare<[string], { key: string }>(
      'SELECT key FROM kv WHERE key >= ? ORDER BY key',
    ),
    list: db.prepare<[string], { value: string }>(
      'SELECT value FROM list_items WHERE list = ? ORDER BY seq',
    ),
    set: db.prepare<[string, string]>(
      'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ),
    delete: db.prepare<[string]>('DELETE FROM kv WHERE key = ?'),
    append: db.prepare<[string, string]>('INSERT INTO list_items (list, value) VALUES (?, ?)'),
  };
}
