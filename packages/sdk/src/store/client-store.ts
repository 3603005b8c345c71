/**
 * Where a client keeps everything that must survive a restart: session token, device identity,
 * MLS group state (sealed with the storage key), KeyPackage secrets, the outbox, the receive
 * dedupe set and received messages. A key-value map plus append-only lists is all it needs.
 *
 * Values are plain JSON (strings, numbers, booleans, arrays, objects); bytes go in as base64url.
 */
export type StoreOp =
  | { op: 'set'; key: string; value: unknown }
  | { op: 'delete'; key: string }
  | { op: 'append'; list: string; value: unknown };

export interface ClientStore {
  get<T>(key: string): Promise<T | undefined>;
  /** Every key that starts with `prefix`, sorted. */
  keys(prefix: string): Promise<string[]>;
  /** A list's items in append order (empty when it does not exist). */
  list<T>(name: string): Promise<T[]>;
  /**
   * Applies the ops atomically and, once resolved, durably: after a crash either all of them
   * are there or none. Writes are applied in call order, so a caller may start the next write
   * before the previous one resolves and still never see a later one without an earlier one.
   * Reads see a write as soon as it is called.
   */
  write(ops: readonly StoreOp[]): Promise<void>;
  /** The AES-GCM key that seals secrets at rest; created on first use, then always the same. */
  storageKey(): Promise<CryptoKey>;
  /**
   * Erases everything stored, the storage key included (P23 on the device: sign-out, account
   * deletion, a revoked session). The store stays open and empty; a later storageKey() is new.
   */
  clear(): Promise<void>;
  /**
   * Stores shared with other processes (IndexedDB, with other tabs) call `listener` when one of
   * those erased it; the client then ends its own session, and its clear() acknowledges.
   */
  onWipedElsewhere?(listener: () => void): () => void;
  close(): Promise<void>;
}

export const set = (key: string, value: unknown): StoreOp => ({ op: 'set', key, value });
export const del = (key: string): StoreOp => ({ op: 'delete', key });
export const append = (list: string, value: unknown): StoreOp => ({ op: 'append', list, value });
