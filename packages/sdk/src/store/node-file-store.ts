import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClientStore, StoreOp } from './client-store.js';
import { applyOps } from './memory-store.js';
import { loadStorageKeyFile } from './node-storage-key.js';

/*
 * Node only. State lives in memory and on disk as a snapshot plus an append-only log:
 *   snapshot.json      {"gen": N, "kv": {...}, "lists": {...}}   (written to a temp file, renamed)
 *   log-N.jsonl        one JSON array of ops per line, appended and fsynced per flush
 *   storage.key        32 raw bytes, mode 0600
 * Every write() is one line, so it lands whole or (torn last line, dropped on load) not at all.
 * Writes that arrive while a flush runs share the next flush: one fsync for many messages.
 * Compaction writes a snapshot of generation N+1 and starts log-(N+1); a crash at any point
 * leaves either the old snapshot with its log or the new one, never appends replayed twice.
 */

export interface FileStoreOptions {
  /** fsync every flush (default true). Off only for throwaway test stores. */
  sync?: boolean;
  /** Log lines after which the log is folded into a new snapshot. */
  compactAfter?: number;
}

interface Snapshot {
  gen: number;
  kv: Record<string, unknown>;
  lists: Record<string, unknown[]>;
}

interface Pending {
  line: string;
  resolve(): void;
  reject(err: unknown): void;
}

export class FileStore implements ClientStore {
  private readonly kv = new Map<string, unknown>();
  private readonly lists = new Map<string, unknown[]>();
  private log!: FileHandle;
  private gen = 0;
  private lines = 0;
  private pending: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private key: Promise<CryptoKey> | undefined;
  private closed = false;

  private constructor(
    readonly dir: string,
    private readonly options: Required<FileStoreOptions>,
  ) {}

  static async open(dir: string, options: FileStoreOptions = {}): Promise<FileStore> {
    const store = new FileStore(dir, { sync: true, compactAfter: 20_000, ...options });
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await store.load();
    return store;
  }

  private async load(): Promise<void> {
    const snap = await readText(join(this.dir, 'snapshot.json'));
    if (snap !== undefined) {
      const s = JSON.parse(snap) as Snapshot;
      this.gen = s.gen;
      for (const [k, v] of Object.entries(s.kv)) this.kv.set(k, v);
      for (const [k, v] of Object.entries(s.lists)) this.lists.set(k, v);
    }
    const logPath = this.logPath(this.gen);
    const text = (await readText(logPath)) ?? '';
    const rows = text.split('\n');
    let good = 0;
    for (const row of rows) {
      if (row === '') continue;
      let ops: StoreOp[];
      try {
        ops = JSON.parse(row) as StoreOp[];
      } catch {
        break; // a torn last line from a crash mid-append: that write never resolved
      }
      applyOps(this.kv, this.lists, ops);
      good += row.length + 1;
      this.lines++;
    }
    this.log = await open(logPath, 'a+', 0o600);
    if (good < Buffer.byteLength(text)) await this.log.truncate(good);
    // A crash after a compaction's rename can leave the previous log behind.
    if (this.gen > 0) await rm(this.logPath(this.gen - 1), { force: true });
  }

  private logPath(gen: number): string {
    return join(this.dir, `log-${gen}.jsonl`);
  }

  async get<T>(key: string): Promise<T | undefined> {
    const v = this.kv.get(key);
    return v === undefined ? undefined : (structuredClone(v) as T);
  }

  async keys(prefix: string): Promise<string[]> {
    return [...this.kv.keys()].filter((k) => k.startsWith(prefix)).sort();
  }

  async list<T>(name: string): Promise<T[]> {
    return structuredClone(this.lists.get(name) ?? []) as T[];
  }

  write(ops: readonly StoreOp[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('store closed'));
    const line = JSON.stringify(ops);
    // Apply what will be replayed (JSON round trip), so memory and disk always agree.
    applyOps(this.kv, this.lists, JSON.parse(line) as StoreOp[]);
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ line, resolve, reject });
      this.flushing ??= this.flushLoop();
    });
  }

  private async flushLoop(): Promise<void> {
    // Yield once so writes issued in the same turn share this flush.
    await new Promise((r) => setImmediate(r));
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        await this.log.appendFile(batch.map((p) => p.line + '\n').join(''));
        if (this.options.sync) await this.log.datasync();
        this.lines += batch.length;
        if (this.lines >= this.options.compactAfter) await this.compact();
        for (const p of batch) p.resolve();
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
    this.flushing = null;
  }

  private async compact(): Promise<void> {
    const next = this.gen + 1;
    const snap: Snapshot = {
      gen: next,
      kv: Object.fromEntries(this.kv),
      lists: Object.fromEntries(this.lists),
    };
    const tmp = join(this.dir, 'snapshot.json.tmp');
    const fh = await open(tmp, 'w', 0o600);
    try {
      await fh.writeFile(JSON.stringify(snap));
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, join(this.dir, 'snapshot.json'));
    await syncDir(this.dir);
    const old = this.log;
    this.log = await open(this.logPath(next), 'a+', 0o600);
    await old.close();
    await rm(this.logPath(this.gen), { force: true });
    this.gen = next;
    this.lines = 0;
  }

  storageKey(): Promise<CryptoKey> {
    this.key ??= loadStorageKeyFile(join(this.dir, 'storage.key'));
    return this.key;
  }

  async clear(): Promise<void> {
    if (this.closed) throw new Error('store closed');
    while (this.flushing) await this.flushing;
    this.kv.clear();
    this.lists.clear();
    this.key = undefined;
    await this.log.close();
    for (const name of await readdir(this.dir)) {
      if (/^(snapshot\.json(\.tmp)?|log-\d+\.jsonl|storage\.key)$/.test(name))
        await rm(join(this.dir, name), { force: true });
    }
    await syncDir(this.dir);
    this.gen = 0;
    this.lines = 0;
    this.log = await open(this.logPath(0), 'a+', 0o600);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    while (this.flushing) await this.flushing;
    this.closed = true;
    await this.log.close();
  }
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is still atomic.
  } finally {
    await fh.close();
  }
}
