import { Type, type Static } from 'typebox';
import { Id, PublicId, strict, Timestamp } from './common.js';

/*
 * Conversations and the MLS delivery service. Every binary field (KeyPackage, commit, Welcome,
 * GroupInfo, credential) is base64url of the MLS wire bytes; the server inspects only public
 * MLS data (credentials, epochs, the ratchet tree) and never any content.
 */

const B64 = (maxLength: number, minLength = 1) =>
  Type.String({ minLength, maxLength, pattern: '^[A-Za-z0-9_-]+$' });

/** A group is at most this many accounts, the creator included. */
export const MAX_CONVERSATION_MEMBERS = 50;
export const MAX_KEY_PACKAGES_PER_UPLOAD = 100;
/** Below this many single-use packages a device is told to upload more (`kp_low`). */
export const KEY_PACKAGE_LOW_WATER = 10;
/** Commit routes carry a full ratchet tree in the GroupInfo; 50 members need more than 64 KiB. */
export const MLS_BODY_LIMIT_BYTES = 1024 * 1024;

const KeyPackageBytes = B64(8192);
const MlsBytes = B64(MLS_BODY_LIMIT_BYTES / 2);

export const IssueCredentialBody = Type.Object(
  { signaturePublicKey: B64(43, 43) }, // 32-byte Ed25519 key
  strict,
);
export type IssueCredentialBody = Static<typeof IssueCredentialBody>;
export const CredentialReply = Type.Object(
  { credential: B64(1024), accountId: Type.String(), deviceId: Type.String() },
  strict,
);
export const ServerKeyReply = Type.Object({ publicKey: B64(64) }, strict);

export const UploadKeyPackagesBody = Type.Object(
  {
    keyPackages: Type.Array(KeyPackageBytes, { maxItems: MAX_KEY_PACKAGES_PER_UPLOAD }),
    lastResort: Type.Optional(KeyPackageBytes),
  },
  strict,
);
export type UploadKeyPackagesBody = Static<typeof UploadKeyPackagesBody>;
export const KeyPackageCount = Type.Object(
  { remaining: Type.Integer({ minimum: 0 }), lowWater: Type.Integer({ minimum: 0 }) },
  strict,
);

export const ClaimKeyPackagesBody = Type.Object(
  {
    accountIds: Type.Array(Id, {
      minItems: 1,
      maxItems: MAX_CONVERSATION_MEMBERS,
      uniqueItems: true,
    }),
  },
  strict,
);
export type ClaimKeyPackagesBody = Static<typeof ClaimKeyPackagesBody>;
export const ClaimedKeyPackage = Type.Object(
  { accountId: Type.String(), deviceId: Type.String(), keyPackage: Type.String() },
  strict,
);
export const ClaimKeyPackagesReply = Type.Object(
  { keyPackages: Type.Array(ClaimedKeyPackage) },
  strict,
);

export const ConversationKind = Type.Enum(['direct', 'group']);
export type ConversationKind = Static<typeof ConversationKind>;

const MemberPublicIds = Type.Array(PublicId, {
  minItems: 1,
  maxItems: MAX_CONVERSATION_MEMBERS - 1,
  uniqueItems: true,
});

export const CreateConversationBody = Type.Object(
  { kind: ConversationKind, members: MemberPublicIds },
  strict,
);
export type CreateConversationBody = Static<typeof CreateConversationBody>;

export const ConversationMember = Type.Object(
  { accountId: Type.String(), publicId: Type.String(), kind: Type.Enum(['adult', 'child']) },
  strict,
);
export type ConversationMember = Static<typeof ConversationMember>;

export const ConversationView = Type.Object(
  {
    id: Type.String(),
    kind: ConversationKind,
    epoch: Type.Integer({ minimum: 0 }),
    createdBy: Type.Union([Type.String(), Type.Null()]),
    createdAt: Timestamp,
    members: Type.Array(ConversationMember),
  },
  strict,
);
export type ConversationView = Static<typeof ConversationView>;
export const ConversationList = Type.Object(
  { conversations: Type.Array(ConversationView) },
  strict,
);

export const AddMembersBody = Type.Object({ publicIds: MemberPublicIds }, strict);
export type AddMembersBody = Static<typeof AddMembersBody>;
export const ConversationMemberParams = Type.Object({ id: Id, publicId: PublicId }, strict);

/**
 * A commit for the server's compare-and-set: accepted only if `epoch` is still the
 * conversation's epoch. `addedDevices` names the devices the Welcome is for.
 */
export const CommitBody = Type.Object(
  {
    epoch: Type.Integer({ minimum: 0 }),
    commit: MlsBytes,
    welcome: Type.Optional(MlsBytes),
    groupInfo: MlsBytes,
    addedDevices: Type.Optional(Type.Array(Id, { maxItems: 500, uniqueItems: true })),
  },
  strict,
);
export type CommitBody = Static<typeof CommitBody>;
export const CommitReply = Type.Object({ epoch: Type.Integer({ minimum: 0 }) }, strict);

export const GroupInfoReply = Type.Object(
  { epoch: Type.Integer({ minimum: 0 }), groupInfo: Type.String() },
  strict,
);

/** A member's new device joining from the published GroupInfo. */
export const ExternalCommitBody = Type.Object(
  { epoch: Type.Integer({ minimum: 0 }), commit: MlsBytes, groupInfo: MlsBytes },
  strict,
);
export type ExternalCommitBody = Static<typeof ExternalCommitBody>;
