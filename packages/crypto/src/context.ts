import type { ClientConfig } from 'ts-mls';
import { defaultKeyPackageEqualityConfig } from 'ts-mls';
import { toHex } from './bytes.js';
import { makeAuthService } from './credential.js';
import { CryptoError } from './errors.js';

/**
 * One per device. Holds the pinned server key and the bookkeeping that enforces commit
 * discipline: the latest Group value per conversation, and which groups have a commit in flight.
 */
export interface CryptoContext {
  readonly serverPublicKey: Uint8Array;
  /** Seconds since the epoch; injectable so tests can move time. */
  readonly now: () => number;
}

export interface CryptoContextOptions {
  readonly serverPublicKey: Uint8Array;
  readonly now?: () => number;
}

/** How many past epochs we keep keys for, so late messages still decrypt after a commit. */
export const KEPT_EPOCHS = 4;

interface Internals {
  readonly config: ClientConfig;
  readonly heads: Map<string, object>;
  readonly busy: Set<string>;
  readonly pending: Set<string>;
}

const internals = new WeakMap<CryptoContext, Internals>();

export function createCryptoContext(options: CryptoContextOptions): CryptoContext {
  if (options.serverPublicKey.length !== 32) {
    throw new CryptoError('INVALID_ARGUMENT', 'serverPublicKey must be a 32-byte Ed25519 key');
  }
  const ctx: CryptoContext = Object.freeze({
    serverPublicKey: options.serverPublicKey,
    now: options.now ?? (() => Math.floor(Date.now() / 1000)),
  });
  internals.set(ctx, {
    config: {
      keyRetentionConfig: {
        retainKeysForGenerations: 32,
        retainKeysForEpochs: KEPT_EPOCHS,
        maximumForwardRatchetSteps: 1000,
      },
      // Lifetimes are checked by whoever commits an Add (ts-mls does it for locally created
      // commits, and we check again before). Receivers do not re-check: a member whose leaf
      // came from a KeyPackage long ago must not make the whole tree invalid.
      lifetimeConfig: { maximumTotalLifetime: 90n * 24n * 3600n, validateLifetimeOnReceive: false },
      keyPackageEqualityConfig: defaultKeyPackageEqualityConfig,
      // Pad every message to a multiple that hides short-text lengths.
      paddingConfig: { kind: 'padUntilLength', padUntilLength: 256 },
      authService: makeAuthService(options.serverPublicKey),
    },
    heads: new Map(),
    busy: new Set(),
    pending: new Set(),
  });
  return ctx;
}

function get(ctx: CryptoContext): Internals {
  const i = internals.get(ctx);
  if (i === undefined)
    throw new CryptoError('INVALID_ARGUMENT', 'not a context from createCryptoContext');
  return i;
}

export function clientConfig(ctx: CryptoContext): ClientConfig {
  return get(ctx).config;
}

/**
 * Runs one operation on one group. Rejects a concurrent operation (GROUP_BUSY), any operation
 * while a commit awaits the delivery service (COMMIT_PENDING), and any use of a Group value
 * that is no longer the latest (STATE_STALE) — all three would otherwise fork the state.
 */
export async function withGroup<T>(
  ctx: CryptoContext,
  groupId: Uint8Array,
  current: object | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  const i = get(ctx);
  const key = toHex(groupId);
  if (i.pending.has(key)) {
    throw new CryptoError(
      'COMMIT_PENDING',
      'a commit for this group awaits confirm() or discard()',
    );
  }
  if (i.busy.has(key))
    throw new CryptoError('GROUP_BUSY', 'another operation on this group is running');
  const head = i.heads.get(key);
  if (current !== undefined && head !== undefined && head !== current) {
    throw new CryptoError('STATE_STALE', 'this Group value was superseded; use the latest one');
  }
  i.busy.add(key);
  try {
    return await fn();
  } finally {
    i.busy.delete(key);
  }
}

export function setHead(ctx: CryptoContext, groupId: Uint8Array, group: object | undefined): void {
  const i = get(ctx);
  if (group === undefined) i.heads.delete(toHex(groupId));
  else i.heads.set(toHex(groupId), group);
}

export function setPending(ctx: CryptoContext, groupId: Uint8Array, pending: boolean): void {
  const i = get(ctx);
  if (pending) i.pending.add(toHex(groupId));
  else i.pending.delete(toHex(groupId));
}

/** Forgets a group (left, removed, or deleted locally). */
export function forgetGroup(ctx: CryptoContext, groupId: Uint8Array): void {
  setHead(ctx, groupId, undefined);
  setPending(ctx, groupId, false);
}
