export { backoffCeiling, backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
export type { AttachmentMeta } from './attachments.js';
export type { BackoffOptions } from './backoff.js';
export { AccountApi } from './account-api.js';
export type { Elevation } from './account-api.js';
export { KidTalkClient } from './client.js';
export type { KidTalkClientOptions, Queued, Session } from './client.js';
export { ContactsApi } from './contacts-api.js';
export { Conversations } from './conversations.js';
export { Emitter } from './emitter.js';
export { LocalMarks, MAX_GROUP_NAME } from './local-marks.js';
export { GuardianApi } from './guardian-api.js';
export type { ChildContact, GuardianInvite, GuardianView, LinkCode } from './guardian-api.js';
export { newClientMsgId } from './encoding.js';
export { isKidTalkError, KidTalkError } from './errors.js';
export type { KidTalkErrorCode, SdkErrorCode } from './errors.js';
export type { FetchLike } from './http-client.js';
export type { ConnectionState, EndReason, WebSocketConstructor, WebSocketLike } from './socket.js';
export type { ClientStore, StoreOp } from './store/client-store.js';
export { IndexedDbStore } from './store/indexeddb-store.js';
export { MemoryStore } from './store/memory-store.js';
export { reportEvidence, SafetyApi } from './safety-api.js';
export type {
  FailedSend,
  FrankingRecord,
  KidTalkEvents,
  OutboxEntry,
  OwnMessage,
  ReceivedMessage,
  SentMessage,
  UndeliverableMessage,
} from './types.js';
