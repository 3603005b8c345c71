import type { ClientState } from 'ts-mls';
import { createGroupInfoWithExternalPubAndRatchetTree, zeroOutUint8Array } from 'ts-mls';
import type { CryptoContext } from './context.js';
import { setHead, setPending } from './context.js';
import { CryptoError } from './errors.js';
import type { Group } from './group.js';
import { wrapState } from './group.js';
import { encodeGroupInfo } from './mls-codec.js';
import { suite } from './suite.js';

/**
 * A commit the delivery service has not ordered yet. Send `commit` (and `welcome`, `groupInfo`)
 * with `fromEpoch` for the server's compare-and-set, then call exactly one of:
 * confirm() when the server accepted it, discard() when it was rejected (another commit won;
 * process that one with the returned old Group).
 */
export interface PendingCommit {
  readonly groupId: Uint8Array;
  /** The epoch the commit was built on; the server accepts it only if that is still current. */
  readonly fromEpoch: bigint;
  readonly commit: Uint8Array;
  readonly welcome: Uint8Array | undefined;
  /** Signed GroupInfo of the new epoch, with ratchet tree and external key, for new devices. */
  readonly groupInfo: Uint8Array;
  confirm(): Group;
  discard(): Group | undefined;
}

export async function makePending(
  ctx: CryptoContext,
  previous: Group | undefined,
  next: ClientState,
  commit: Uint8Array,
  welcome: Uint8Array | undefined,
  consumed: Uint8Array[],
  fromEpoch: bigint,
): Promise<PendingCommit> {
  const groupInfo = encodeGroupInfo(
    await createGroupInfoWithExternalPubAndRatchetTree(next, [], await suite()),
  );
  const groupId = next.groupContext.groupId;
  let settled = false;
  const settle = (): void => {
    if (settled) throw new CryptoError('INVALID_ARGUMENT', 'this commit was already settled');
    settled = true;
    setPending(ctx, groupId, false);
  };
  setPending(ctx, groupId, true);
  return Object.freeze({
    groupId,
    fromEpoch,
    commit,
    welcome,
    groupInfo,
    confirm(): Group {
      settle();
      const group = wrapState(next);
      // Only now is the old epoch gone for good; wiping earlier would break discard().
      consumed.forEach(zeroOutUint8Array);
      setHead(ctx, groupId, group);
      return group;
    },
    discard(): Group | undefined {
      settle();
      setHead(ctx, groupId, previous);
      return previous;
    },
  });
}
