import type { Extension } from 'ts-mls';
import { decodeExternalSender, emptyPskIndex, joinGroup, joinGroupExternal } from 'ts-mls';
import { bytesEqual, toHex } from './bytes.js';
import type { CryptoContext } from './context.js';
import { clientConfig, setHead, withGroup } from './context.js';
import { verifyCredential } from './credential.js';
import { CryptoError } from './errors.js';
import type { Group } from './group.js';
import { wrapState } from './group.js';
import { mapMlsError } from './group-ops.js';
import type { DeviceIdentity } from './identity.js';
import type { KeyPackageSecret } from './key-packages.js';
import { freshKeyPackage, SINGLE_USE_LIFETIME } from './key-packages.js';
import { decodeGroupInfo, decodeKeyPackage, decodeWelcome, encodePublic } from './mls-codec.js';
import type { PendingCommit } from './pending-commit.js';
import { makePending } from './pending-commit.js';
import { suite } from './suite.js';

export interface JoinResult {
  readonly group: Group;
  /** The packages still usable: the one consumed is gone unless it was the last-resort one. */
  readonly keyPackages: readonly KeyPackageSecret[];
}

/** Joins from a Welcome addressed to one of this device's KeyPackages. */
export async function joinFromWelcome(
  ctx: CryptoContext,
  identity: DeviceIdentity,
  keyPackages: readonly KeyPackageSecret[],
  welcome: Uint8Array,
): Promise<JoinResult> {
  const w = decodeWelcome(welcome);
  const refs = new Set(w.secrets.map((s) => toHex(s.newMember)));
  const secret = keyPackages.find((k) => refs.has(k.ref));
  if (secret === undefined) {
    throw new CryptoError('KEY_PACKAGE_NOT_FOUND', 'Welcome is for none of our KeyPackages');
  }
  const keyPackage = decodeKeyPackage(secret.keyPackage);
  let state;
  try {
    state = await joinGroup(
      w,
      keyPackage,
      {
        initPrivateKey: secret.initPrivateKey,
        hpkePrivateKey: secret.hpkePrivateKey,
        signaturePrivateKey: identity.signaturePrivateKey,
      },
      emptyPskIndex,
      await suite(),
      undefined,
      undefined,
      clientConfig(ctx),
    );
  } catch (cause) {
    throw mapMlsError(cause, 'DECRYPT_FAILED');
  }
  const group = wrapState(state);
  if (!hasServerExternalSender(ctx, state.groupContext.extensions)) {
    throw new CryptoError(
      'COMMIT_REJECTED',
      'group does not declare the server as external sender',
    );
  }
  return withGroup(ctx, group.groupId, undefined, async () => {
    setHead(ctx, group.groupId, group);
    return {
      group,
      keyPackages: secret.lastResort ? keyPackages : keyPackages.filter((k) => k !== secret),
    };
  });
}

function hasServerExternalSender(ctx: CryptoContext, extensions: readonly Extension[]): boolean {
  return extensions.some((e) => {
    if (e.extensionType !== 'external_senders') return false;
    const decoded = decodeExternalSender(e.extensionData, 0);
    return decoded !== undefined && bytesEqual(decoded[0].signaturePublicKey, ctx.serverPublicKey);
  });
}

/**
 * A new device of an existing member joins by external commit, from the GroupInfo the server
 * keeps. The result is pending like any commit: confirm() once the server ordered it.
 */
export async function joinByExternalCommit(
  ctx: CryptoContext,
  identity: DeviceIdentity,
  groupInfo: Uint8Array,
): Promise<PendingCommit> {
  await verifyCredential(identity.credential, ctx.serverPublicKey);
  const gi = decodeGroupInfo(groupInfo);
  return withGroup(ctx, gi.groupContext.groupId, undefined, async () => {
    const { publicPackage, privatePackage } = await freshKeyPackage(
      identity,
      SINGLE_USE_LIFETIME,
      ctx.now(),
    );
    let result;
    try {
      result = await joinGroupExternal(
        gi,
        publicPackage,
        privatePackage,
        false,
        await suite(),
        undefined,
        clientConfig(ctx),
      );
    } catch (cause) {
      throw mapMlsError(cause, 'COMMIT_REJECTED');
    }
    if (!hasServerExternalSender(ctx, result.newState.groupContext.extensions)) {
      throw new CryptoError(
        'COMMIT_REJECTED',
        'group does not declare the server as external sender',
      );
    }
    return makePending(
      ctx,
      undefined,
      result.newState,
      encodePublic(result.publicMessage),
      undefined,
      [],
      gi.groupContext.epoch,
    );
  });
}
