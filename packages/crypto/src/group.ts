import type { ClientState, RatchetTree } from 'ts-mls';
import { readCredential } from './credential.js';
import { CryptoError } from './errors.js';

/** One device in a conversation, as named by its server-signed credential. */
export interface Member {
  readonly accountId: string;
  readonly deviceId: string;
  /** Position in the MLS tree; stable while the device stays in the group. */
  readonly leafIndex: number;
  readonly signaturePublicKey: Uint8Array;
}

/**
 * An immutable snapshot of one conversation's MLS state. Every operation returns a new Group;
 * the old one stays valid until a newer one is accepted (see README, commit discipline).
 */
export interface Group {
  readonly groupId: Uint8Array;
  readonly epoch: bigint;
  readonly members: readonly Member[];
  readonly self: Member;
  /** False once this device has been removed; such a group can no longer send. */
  readonly active: boolean;
}

const states = new WeakMap<Group, ClientState>();
// Application messages keep the tree object; caching spares re-parsing every credential per message.
const memberCache = new WeakMap<RatchetTree, readonly Member[]>();

export function membersOf(tree: RatchetTree): readonly Member[] {
  const cached = memberCache.get(tree);
  if (cached !== undefined) return cached;
  const members: Member[] = [];
  tree.forEach((node, nodeIndex) => {
    if (node?.nodeType !== 'leaf') return;
    const cred = readCredential(node.leaf.credential);
    // ts-mls validated every leaf through our auth service; an unreadable one means corruption.
    if (cred === undefined)
      throw new CryptoError('STATE_CORRUPT', 'leaf without a KidTalk credential');
    members.push(
      Object.freeze({
        accountId: cred.accountId,
        deviceId: cred.deviceId,
        leafIndex: nodeIndex / 2,
        signaturePublicKey: node.leaf.signaturePublicKey,
      }),
    );
  });
  Object.freeze(members);
  memberCache.set(tree, members);
  return members;
}

export function wrapState(state: ClientState): Group {
  const members = membersOf(state.ratchetTree);
  const self = members.find((m) => m.leafIndex === state.privatePath.leafIndex);
  const active = state.groupActiveState.kind === 'active';
  const group: Group = Object.freeze({
    groupId: state.groupContext.groupId,
    epoch: state.groupContext.epoch,
    members,
    self:
      self ??
      Object.freeze({
        accountId: '',
        deviceId: '',
        leafIndex: state.privatePath.leafIndex,
        signaturePublicKey: new Uint8Array(),
      }),
    active,
  });
  states.set(group, state);
  return group;
}

export function unwrapState(group: Group): ClientState {
  const state = states.get(group);
  if (state === undefined)
    throw new CryptoError('INVALID_ARGUMENT', 'not a Group from this package');
  return state;
}

export function memberAt(group: Group, leafIndex: number): Member | undefined {
  return group.members.find((m) => m.leafIndex === leafIndex);
}
