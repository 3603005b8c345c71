import { generateStorageKey } from '@kidtalk/crypto';
import type { ClientStore, StoreOp } from './client-store.js';

/** Everything in memory: for tests and for sessions that should leave nothing behind. */
export class MemoryStore implements ClientStore {
  private readonly kv = new Map<string, unknown>();
  private readonly lists = new Map<string, unknown[]>();
  private key: Promise<CryptoKey> | undefined;

  async get<T>(key: string): Promise<T | undefined> {
    const v = this.kv.get(key);
    // Copies, so a caller mutating what it read cannot change what is "stored".
    return v === undefined ? undefined : (structuredClone(v) as T);
  }

  async keys(prefix: string): Promise<string[]> {
    return [...this.kv.keys()].filter((k) => k.startsWith(prefix)).sort();
  }

  async list<T>(name: string): Promise<T[]> {
    return structuredClone(this.lists.get(name) ?? []) as T[];
  }

  async write(ops: readonly StoreOp[]): Promise<void> {
    applyOps(this.kv, this.lists, ops);
  }

  storageKey(): Promise<CryptoKey> {
    this.key ??= generateStorageKey();
    return this.key;
  }

  async clear(): Promise<void> {
    this.kv.clear();
    this.lists.clear();
    this.key = undefined;
  }

  async close(): Promise<void> {}
}

/** Shared by the in-memory stores and the file store's replay. */
export function applyOps(
  kv: Map<string, unknown>,
  lists: Map<string, unknown[]>,
  ops: readonly StoreOp[],
): void {
  for (const o of ops) {
    if (o.op === 'set') kv.set(o.key, structuredClone(o.value));
    else if (o.op === 'delete') kv.delete(o.key);
    else {
      let l = lists.get(o.list);
      if (!l) lists.set(o.list, (l = []));
      l.push(structuredClone(o.value));
    }
  }
}
