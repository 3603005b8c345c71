import type { Extension, Proposal } from 'ts-mls';
import {
  createCommit,
  createGroup as mlsCreateGroup,
  encodeExternalSender,
  makePskIndex,
} from 'ts-mls';
import { randomBytes } from './bytes.js';
import type { CryptoContext } from './context.js';
import { clientConfig, setHead, withGroup } from './context.js';
import { makeAuthService, serverMlsCredential } from './credential.js';
import { CryptoError } from './errors.js';
import type { Group } from './group.js';
import { unwrapState, wrapState } from './group.js';
import type { DeviceIdentity } from './identity.js';
import { freshKeyPackage, SINGLE_USE_LIFETIME } from './key-packages.js';
import { decodeKeyPackage, encodeMlsMessage, encodeWelcome } from './mls-codec.js';
import type { PendingCommit } from './pending-commit.js';
import { makePending } from './pending-commit.js';
import { suite } from './suite.js';

export interface CreateGroupOptions {
  /** Defaults to 32 random bytes; the server may prefer to assign conversation IDs itself. */
  readonly groupId?: Uint8Array;
}

/**
 * A new conversation with this device as its only member. The server is declared as external
 * sender, so it can later propose removals (a guardian's "remove contact").
 */
export async function createGroup(
  ctx: CryptoContext,
  identity: DeviceIdentity,
  options: CreateGroupOptions = {},
): Promise<Group> {
  const groupId = options.groupId ?? randomBytes(32);
  if (groupId.length < 16 || groupId.length > 64) {
    throw new CryptoError('INVALID_ARGUMENT', 'groupId must be 16..64 bytes');
  }
  const externalSenders: Extension = {
    extensionType: 'external_senders',
    extensionData: encodeExternalSender({
      signaturePublicKey: ctx.serverPublicKey,
      credential: serverMlsCredential(),
    }),
  };
  const { publicPackage, privatePackage } = await freshKeyPackage(
    identity,
    SINGLE_USE_LIFETIME,
    ctx.now(),
  );
  const state = await mlsCreateGroup(
    groupId,
    publicPackage,
    privatePackage,
    [externalSenders],
    await suite(),
    clientConfig(ctx),
  );
  const group = wrapState(state);
  setHead(ctx, groupId, group);
  return group;
}

async function commit(
  ctx: CryptoContext,
  group: Group,
  proposals: Proposal[],
): Promise<PendingCommit> {
  const state = unwrapState(group);
  if (!group.active) throw new CryptoError('NOT_A_MEMBER', 'this device is no longer in the group');
  const cs = await suite();
  let result;
  try {
    result = await createCommit(
      { state, cipherSuite: cs, pskIndex: makePskIndex(state, {}) },
      { extraProposals: proposals, ratchetTreeExtension: true },
    );
  } catch (cause) {
    throw mapMlsError(cause, 'COMMIT_REJECTED');
  }
  return makePending(
    ctx,
    group,
    result.newState,
    encodeMlsMessage(result.commit),
    result.welcome === undefined ? undefined : encodeWelcome(result.welcome),
    result.consumed,
    state.groupContext.epoch,
  );
}

/** Adds devices (of new or existing members) from KeyPackages fetched from the directory. */
export function addMembers(
  ctx: CryptoContext,
  group: Group,
  keyPackages: readonly Uint8Array[],
): Promise<PendingCommit> {
  return withGroup(ctx, group.groupId, group, async () => {
    if (keyPackages.length === 0) throw new CryptoError('INVALID_ARGUMENT', 'nothing to add');
    const auth = makeAuthService(ctx.serverPublicKey);
    const now = BigInt(ctx.now());
    const proposals: Proposal[] = [];
    for (const bytes of keyPackages) {
      const kp = decodeKeyPackage(bytes);
      // Checked here too (ts-mls checks as well) so the caller gets a precise error code.
      if (
        !(await auth.validateCredential(kp.leafNode.credential, kp.leafNode.signaturePublicKey))
      ) {
        throw new CryptoError(
          'CREDENTIAL_INVALID',
          'KeyPackage credential not signed by the server',
        );
      }
      const { notBefore, notAfter } = kp.leafNode.lifetime;
      if (notBefore > now || notAfter < now) {
        throw new CryptoError('KEY_PACKAGE_INVALID', 'KeyPackage expired or not yet valid');
      }
      proposals.push({ proposalType: 'add', add: { keyPackage: kp } });
    }
    return commit(ctx, group, proposals);
  });
}

export interface RemoveTarget {
  readonly accountId: string;
  /** Omit to remove every device of the account. */
  readonly deviceId?: string;
}

export function removeMembers(
  ctx: CryptoContext,
  group: Group,
  targets: readonly RemoveTarget[],
): Promise<PendingCommit> {
  return withGroup(ctx, group.groupId, group, async () => {
    const leaves = group.members.filter((m) =>
      targets.some(
        (t) =>
          t.accountId === m.accountId && (t.deviceId === undefined || t.deviceId === m.deviceId),
      ),
    );
    if (leaves.length === 0) throw new CryptoError('NOT_A_MEMBER', 'no such member in the group');
    if (leaves.some((m) => m.leafIndex === group.self.leafIndex)) {
      throw new CryptoError('INVALID_ARGUMENT', 'a device cannot remove itself by commit');
    }
    return commit(
      ctx,
      group,
      leaves.map((m) => ({ proposalType: 'remove', remove: { removed: m.leafIndex } })),
    );
  });
}

/**
 * Commits proposals received so far (e.g. the server's external Remove) and refreshes this
 * device's keys. With nothing pending it is a plain key update, which heals a compromise.
 */
export function commitPendingProposals(ctx: CryptoContext, group: Group): Promise<PendingCommit> {
  return withGroup(ctx, group.groupId, group, () => commit(ctx, group, []));
}

/** Number of proposals received and not yet committed. */
export function pendingProposalCount(group: Group): number {
  return Object.keys(unwrapState(group).unappliedProposals).length;
}

export function mapMlsError(cause: unknown, fallback: CryptoError['code']): CryptoError {
  if (cause instanceof CryptoError) return cause;
  const message = cause instanceof Error ? cause.message : String(cause);
  // ts-mls reports auth-service failures only through the message text.
  if (/credential/i.test(message)) {
    return new CryptoError('CREDENTIAL_INVALID', message, { cause });
  }
  return new CryptoError(fallback, message, { cause });
}
