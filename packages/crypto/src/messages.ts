import type { ClientState, IncomingMessageCallback, PrivateMessage } from 'ts-mls';
import {
  createApplicationMessage,
  makePskIndex,
  processPrivateMessage,
  processPublicMessage,
  zeroOutUint8Array,
} from 'ts-mls';
import { unprotectPrivateMessage } from 'ts-mls/messageProtection.js';
import { bytesEqual, decodeFields, encodeFields, utf8 } from './bytes.js';
import type { CryptoContext } from './context.js';
import { clientConfig, setHead, withGroup } from './context.js';
import { CryptoError } from './errors.js';
import { checkFrankTag, frankTag as computeFrankTag, generateFrankKey } from './franking.js';
import type { Group, Member } from './group.js';
import { memberAt, membersOf, unwrapState, wrapState } from './group.js';
import { mapMlsError } from './group-ops.js';
import type { DecodedBody, MessageBody } from './message-body.js';
import { decodeBody, encodeBody } from './message-body.js';
import { decodeMessage, encodePrivate } from './mls-codec.js';
import { suite } from './suite.js';

const APP_LABEL = utf8('kidtalk-app-v1');

/** What the SDK puts on the wire: `{ ciphertext, frankTag }` (plus its own envelope fields). */
export interface EncryptedMessage {
  readonly ciphertext: Uint8Array;
  readonly frankTag: Uint8Array;
}

export interface EncryptResult extends EncryptedMessage {
  readonly group: Group;
  /** The epoch the message was sent in, for the server's envelope. */
  readonly epoch: bigint;
}

export async function encryptMessage(
  ctx: CryptoContext,
  group: Group,
  body: MessageBody,
): Promise<EncryptResult> {
  const plaintext = encodeBody(body);
  return withGroup(ctx, group.groupId, group, async () => {
    if (!group.active)
      throw new CryptoError('NOT_A_MEMBER', 'this device is no longer in the group');
    const frankKey = generateFrankKey();
    const frankTag = computeFrankTag(frankKey, plaintext);
    const state = unwrapState(group);
    // The tag also rides in MLS authenticated data, so it is bound to this very ciphertext.
    const result = await createApplicationMessage(
      state,
      encodeFields(APP_LABEL, frankKey, plaintext),
      await suite(),
      frankTag,
    );
    result.consumed.forEach(zeroOutUint8Array);
    const next = wrapState(result.newState);
    setHead(ctx, group.groupId, next);
    return {
      group: next,
      ciphertext: encodePrivate(result.privateMessage),
      frankTag,
      epoch: state.groupContext.epoch,
    };
  });
}

/** Franking material a receiver keeps so the child can report this message later. */
export interface FrankingEvidence {
  readonly plaintext: Uint8Array;
  readonly frankKey: Uint8Array;
  readonly frankTag: Uint8Array;
}

export type IncomingResult =
  | {
      readonly kind: 'application';
      readonly group: Group;
      readonly sender: Member;
      readonly epoch: bigint;
      readonly body: DecodedBody;
      readonly franking: FrankingEvidence;
    }
  | {
      readonly kind: 'commit';
      readonly group: Group;
      readonly added: readonly Member[];
      readonly removed: readonly Member[];
      /** True when this commit removed this device: stop using the group. */
      readonly removedSelf: boolean;
    }
  | { readonly kind: 'proposal'; readonly group: Group; readonly removes: readonly Member[] };

/**
 * Decrypts an application message or applies a handshake message (commit or proposal).
 * On any failure the given Group is untouched and still the latest: the message is dropped.
 */
export function processIncoming(
  ctx: CryptoContext,
  group: Group,
  message: { readonly ciphertext: Uint8Array; readonly frankTag?: Uint8Array },
): Promise<IncomingResult> {
  return withGroup(ctx, group.groupId, group, async () => {
    const msg = decodeMessage(message.ciphertext, 'DECRYPT_FAILED');
    if (msg.wireformat === 'mls_private_message') {
      const pm = msg.privateMessage;
      if (!bytesEqual(pm.groupId, group.groupId)) {
        throw new CryptoError('DECRYPT_FAILED', 'message for another group');
      }
      if (pm.contentType === 'application') {
        return decryptApplication(ctx, group, pm, message.frankTag);
      }
      return handshake(
        ctx,
        group,
        (state, cs, cb) => processPrivateMessage(state, pm, makePskIndex(state, {}), cs, cb),
        pm.contentType === 'commit',
      );
    }
    if (msg.wireformat === 'mls_public_message') {
      const pub = msg.publicMessage;
      if (!bytesEqual(pub.content.groupId, group.groupId)) {
        throw new CryptoError('DECRYPT_FAILED', 'message for another group');
      }
      if (pub.content.contentType === 'application') {
        // P2: content is never accepted unencrypted.
        throw new CryptoError('DECRYPT_FAILED', 'plaintext application message refused');
      }
      const external = pub.content.sender.senderType === 'new_member_commit';
      return handshake(
        ctx,
        group,
        (state, cs, cb) => processPublicMessage(state, pub, makePskIndex(state, {}), cs, cb),
        pub.content.contentType === 'commit',
        external,
      );
    }
    throw new CryptoError('DECRYPT_FAILED', `unexpected ${msg.wireformat}`);
  });
}

async function decryptApplication(
  ctx: CryptoContext,
  group: Group,
  pm: PrivateMessage,
  besideTag: Uint8Array | undefined,
): Promise<IncomingResult> {
  const state = unwrapState(group);
  const cs = await suite();
  const current = state.groupContext.epoch;
  const past = pm.epoch < current ? state.historicalReceiverData.get(pm.epoch) : undefined;
  if (pm.epoch > current) throw new CryptoError('DECRYPT_FAILED', 'message from a future epoch');
  if (pm.epoch < current && past === undefined) {
    throw new CryptoError('DECRYPT_FAILED', 'message from an epoch no longer kept');
  }
  const source = past ?? {
    senderDataSecret: state.keySchedule.senderDataSecret,
    secretTree: state.secretTree,
    ratchetTree: state.ratchetTree,
    groupContext: state.groupContext,
  };
  let result;
  try {
    result = await unprotectPrivateMessage(
      source.senderDataSecret,
      pm,
      source.secretTree,
      source.ratchetTree,
      source.groupContext,
      clientConfig(ctx).keyRetentionConfig,
      cs,
    );
  } catch (cause) {
    throw mapMlsError(cause, 'DECRYPT_FAILED');
  }
  const content = result.content.content;
  if (content.contentType !== 'application' || content.sender.senderType !== 'member') {
    throw new CryptoError('DECRYPT_FAILED', 'not an application message from a member');
  }
  const senderLeaf = content.sender.leafIndex;
  const sender = membersOf(source.ratchetTree).find((m) => m.leafIndex === senderLeaf);
  if (sender === undefined) throw new CryptoError('DECRYPT_FAILED', 'unknown sender');

  const fields = decodeFields(content.applicationData);
  if (fields?.length !== 3 || !bytesEqual(fields[0] as Uint8Array, APP_LABEL)) {
    throw new CryptoError('FRANKING_INVALID', 'message without franking envelope');
  }
  const [, frankKey, plaintext] = fields as [Uint8Array, Uint8Array, Uint8Array];
  const tag = pm.authenticatedData;
  // A sender who lies here would make its message unreportable; refuse to show it at all.
  if (
    besideTag === undefined ||
    !bytesEqual(besideTag, tag) ||
    !checkFrankTag(frankKey, plaintext, tag)
  ) {
    throw new CryptoError('FRANKING_INVALID', 'franking tag does not match the message');
  }

  const newState: ClientState =
    past === undefined
      ? { ...state, secretTree: result.tree }
      : {
          ...state,
          historicalReceiverData: new Map(state.historicalReceiverData).set(pm.epoch, {
            ...past,
            secretTree: result.tree,
          }),
        };
  result.consumed.forEach(zeroOutUint8Array);
  const next = wrapState(newState);
  setHead(ctx, group.groupId, next);
  return {
    kind: 'application',
    group: next,
    sender,
    epoch: pm.epoch,
    body: decodeBody(plaintext),
    franking: { plaintext, frankKey, frankTag: tag },
  };
}

type Processor = (
  state: ClientState,
  cs: Awaited<ReturnType<typeof suite>>,
  callback: IncomingMessageCallback,
) => Promise<{ newState: ClientState; consumed: Uint8Array[]; kind?: string }>;

// Standalone proposals are accepted only as removals; members never send others, and the
// server (the external sender) is only ever allowed to remove.
const policy: IncomingMessageCallback = (incoming) =>
  incoming.kind === 'proposal' && incoming.proposal.proposal.proposalType !== 'remove'
    ? 'reject'
    : 'accept';

async function handshake(
  ctx: CryptoContext,
  group: Group,
  run: Processor,
  isCommit: boolean,
  externalCommit = false,
): Promise<IncomingResult> {
  const state = unwrapState(group);
  let result;
  try {
    result = await run(state, await suite(), policy);
  } catch (cause) {
    throw mapMlsError(cause, 'COMMIT_REJECTED');
  }
  const next = wrapState(result.newState);
  const before = new Set(group.members.map((m) => memberKey(m)));
  const after = new Set(next.members.map((m) => memberKey(m)));
  const added = next.members.filter((m) => !before.has(memberKey(m)));
  const removed = group.members.filter((m) => !after.has(memberKey(m)));
  if (externalCommit) {
    // Only a new device of an account already in the conversation may join on its own.
    const accounts = new Set(group.members.map((m) => m.accountId));
    if (added.some((m) => !accounts.has(m.accountId))) {
      throw new CryptoError('COMMIT_REJECTED', 'external join by an account not in the group');
    }
  }
  result.consumed.forEach(zeroOutUint8Array);
  setHead(ctx, group.groupId, next);
  if (!isCommit) {
    const pending = Object.values(result.newState.unappliedProposals);
    const removes = pending
      .map((p) =>
        p.proposal.proposalType === 'remove'
          ? memberAt(group, p.proposal.remove.removed)
          : undefined,
      )
      .filter((m): m is Member => m !== undefined);
    return { kind: 'proposal', group: next, removes };
  }
  return { kind: 'commit', group: next, added, removed, removedSelf: !next.active };
}

function memberKey(m: Member): string {
  return `${m.leafIndex}:${m.accountId}:${m.deviceId}`;
}
