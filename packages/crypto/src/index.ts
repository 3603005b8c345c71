export { CryptoError, isCryptoError } from './errors.js';
export type { CryptoErrorCode } from './errors.js';
export { CIPHERSUITE_NAME } from './suite.js';

export { createCryptoContext, forgetGroup, KEPT_EPOCHS } from './context.js';
export type { CryptoContext, CryptoContextOptions } from './context.js';

export { generateServerKeyPair, issueCredential, verifyCredential } from './credential.js';
export type { CredentialSubject, ServerKeyPair, VerifiedCredential } from './credential.js';
export { createDeviceIdentity, generateDeviceKeys } from './identity.js';
export type { DeviceIdentity, DeviceKeys } from './identity.js';
export {
  generateKeyPackages,
  inspectKeyPackage,
  LAST_RESORT_LIFETIME,
  SINGLE_USE_LIFETIME,
} from './key-packages.js';
export type { KeyPackageInfo, KeyPackageOptions, KeyPackageSecret } from './key-packages.js';

export type { Group, Member } from './group.js';
export {
  addMembers,
  commitPendingProposals,
  createGroup,
  pendingProposalCount,
  removeMembers,
} from './group-ops.js';
export type { CreateGroupOptions, RemoveTarget } from './group-ops.js';
export type { PendingCommit } from './pending-commit.js';
export { joinByExternalCommit, joinFromWelcome } from './join.js';
export type { JoinResult } from './join.js';
export { encryptMessage, processIncoming } from './messages.js';
export type {
  EncryptedMessage,
  EncryptResult,
  FrankingEvidence,
  IncomingResult,
} from './messages.js';

export {
  exportGroupState,
  generateStorageKey,
  importGroupState,
  openIdentity,
  openKeyPackages,
  sealIdentity,
  sealKeyPackages,
} from './storage.js';

export {
  countersign,
  countersignData,
  frankTag,
  generateFrankingServerKey,
  verifyReport,
} from './franking.js';
export type { CountersignInput, FrankedReport, FrankingSender } from './franking.js';
export { decryptAttachment, encryptAttachment, MAX_ATTACHMENT_SIZE } from './attachments.js';
export type { AttachmentSecret, EncryptedAttachment } from './attachments.js';
export { safetyNumber, verifySafetyQr } from './safety-number.js';
export type { SafetyIdentity, SafetyNumber } from './safety-number.js';
export { BODY_VERSION, decodeBody, encodeBody, MAX_BODY_BYTES } from './message-body.js';
export type {
  AttachmentRef,
  DecodedBody,
  ManualLocation,
  MessageBody,
  MessageContent,
  UnknownContent,
} from './message-body.js';

export { buildExternalRemove, inspectGroupInfo } from './server.js';
export type { GroupInfoSummary } from './server.js';
