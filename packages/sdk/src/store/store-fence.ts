import { KidTalkError } from '../errors.js';
import type { ClientStore, StoreOp } from './client-store.js';

/**
 * Keeps work that outlives a wipe from writing into the store after it (P23). A download, a
 * KeyPackage top-up or an MLS commit waiting on the server may finish after the device was
 * wiped, or after another account signed in on it; what it would write belongs to the session
 * that is gone. Such work takes a lease when it starts and writes through it, and a wipe voids
 * every lease taken before it: their writes, and the creation of a storage key, are refused
 * with SESSION_ENDED, so nothing of theirs lands. Their reads find nothing: what the store
 * holds now is the next session's, and reading would reopen (recreate) a deleted database.
 */
export class StoreFence {
  private generation = 0;

  constructor(private readonly store: ClientStore) {}

  /** A view of the store for work starting now, valid until the next voidLeases(). */
  lease(): ClientStore {
    return new Lease(this.store, this, this.generation);
  }

  /** `lease` itself while it holds, otherwise a new one (a new session starts). */
  renew(lease: ClientStore): ClientStore {
    return lease instanceof Lease && lease.held() ? lease : this.lease();
  }

  /** Called before the store is erased: every lease handed out so far stops writing. */
  voidLeases(): void {
    this.generation++;
  }

  current(generation: number): boolean {
    return generation === this.generation;
  }
}

class Lease implements ClientStore {
  constructor(
    private readonly store: ClientStore,
    private readonly fence: StoreFence,
    private readonly generation: number,
  ) {}

  async get<T>(key: string): Promise<T | undefined> {
    return this.held() ? this.store.get<T>(key) : undefined;
  }

  async keys(prefix: string): Promise<string[]> {
    return this.held() ? this.store.keys(prefix) : [];
  }

  async list<T>(name: string): Promise<T[]> {
    return this.held() ? this.store.list<T>(name) : [];
  }

  write(ops: readonly StoreOp[]): Promise<void> {
    return this.valid() ?? this.store.write(ops);
  }

  // Creating the key is a write: a void lease must not leave a new key in a wiped store.
  storageKey(): Promise<CryptoKey> {
    return this.valid() ?? this.store.storageKey();
  }

  clear(): Promise<void> {
    this.fence.voidLeases();
    return this.store.clear();
  }

  close(): Promise<void> {
    return this.store.close();
  }

  held(): boolean {
    return this.fence.current(this.generation);
  }

  /** undefined while the lease holds; otherwise the refusal to return. */
  private valid(): Promise<never> | undefined {
    if (this.held()) return undefined;
    return Promise.reject(
      new KidTalkError('SESSION_ENDED', 'the device was wiped after this work started'),
    );
  }
}
