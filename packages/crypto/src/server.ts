import { proposeExternal } from 'ts-mls';
import { ratchetTreeFromExtension } from 'ts-mls/groupInfo.js';
import { toHex } from './bytes.js';
import type { ServerKeyPair } from './credential.js';
import { CryptoError } from './errors.js';
import { membersOf } from './group.js';
import type { Member } from './group.js';
import { decodeGroupInfo, encodeMlsMessage } from './mls-codec.js';
import type { RemoveTarget } from './group-ops.js';
import { suite } from './suite.js';

/*
 * Server-side helpers. They read only public MLS data (the GroupInfo clients publish with every
 * commit); nothing here can decrypt a message.
 */

export interface GroupInfoSummary {
  readonly groupId: string;
  readonly epoch: bigint;
  readonly members: readonly Member[];
}

/** Reads a published GroupInfo: who is in the conversation (per credentials) and at what epoch. */
export function inspectGroupInfo(groupInfo: Uint8Array): GroupInfoSummary {
  const gi = decodeGroupInfo(groupInfo);
  const tree = ratchetTreeFromExtension(gi);
  if (tree === undefined)
    throw new CryptoError('INVALID_ARGUMENT', 'GroupInfo without ratchet tree');
  return {
    groupId: toHex(gi.groupContext.groupId),
    epoch: gi.groupContext.epoch,
    members: membersOf(tree),
  };
}

/**
 * Builds the server's external Remove proposals (one per matching device) for a group, from
 * its latest GroupInfo. Members accept them because the server is the group's declared external
 * sender; the next member to commit includes them (commitPendingProposals).
 */
export async function buildExternalRemove(
  server: ServerKeyPair,
  groupInfo: Uint8Array,
  target: RemoveTarget,
): Promise<Uint8Array[]> {
  const gi = decodeGroupInfo(groupInfo);
  const tree = ratchetTreeFromExtension(gi);
  if (tree === undefined)
    throw new CryptoError('INVALID_ARGUMENT', 'GroupInfo without ratchet tree');
  const leaves = membersOf(tree).filter(
    (m) =>
      m.accountId === target.accountId &&
      (target.deviceId === undefined || m.deviceId === target.deviceId),
  );
  if (leaves.length === 0) throw new CryptoError('NOT_A_MEMBER', 'no such member in the group');
  const cs = await suite();
  const out: Uint8Array[] = [];
  for (const leaf of leaves) {
    let msg;
    try {
      msg = await proposeExternal(
        gi,
        { proposalType: 'remove', remove: { removed: leaf.leafIndex } },
        server.publicKey,
        server.privateKey,
        cs,
      );
    } catch (cause) {
      throw new CryptoError('CREDENTIAL_INVALID', "this key is not the group's external sender", {
        cause,
      });
    }
    out.push(encodeMlsMessage(msg));
  }
  return out;
}
