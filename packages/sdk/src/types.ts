import type { DecodedBody, MessageContent } from '@kidtalk/crypto';
import type { EntryKind } from '@kidtalk/protocol';
import type { KidTalkError, KidTalkErrorCode } from './errors.js';
import type { ConnectionState, EndReason } from './socket.js';

/** A stored application message as received, with what a report needs later (issue 5). */
export interface ReceivedMessage {
  conversationId: string;
  /** The server's mailbox sequence number (0 for ephemeral messages). */
  seq: number;
  /** The sender's clientMsgId; equals `body.id`, the target of reactions and receipts. */
  clientMsgId: string;
  senderAccountId: string;
  senderDeviceId: string;
  /** Server time the relay accepted it (authoritative; `body.sentAt` is the sender's clock). */
  serverTime: number;
  epoch: number;
  body: DecodedBody;
  franking: FrankingRecord;
}

/** A message this device sent, kept so the sender's side of a chat survives a restart. */
export interface OwnMessage {
  conversationId: string;
  clientMsgId: string;
  /** This device's clock when it was queued. */
  sentAt: number;
  content: MessageContent;
}

/** Everything `verifyReport` needs, as base64url; kept per received message. */
export interface FrankingRecord {
  frankKey: string;
  plaintext: string;
  frankTag: string;
  countersig: string;
  serverTime: number;
}

/** Acknowledged by the server: durable, and on its way to every recipient device. */
export interface SentMessage {
  clientMsgId: string;
  conversationId: string;
  serverTime: number;
  countersig: string;
}

export interface OutboxEntry {
  id: string;
  conv: string;
  epoch: number;
  body: string;
  frank: string;
  /** Position in send order, kept across restarts. */
  order: number;
  content: MessageContent['type'];
}

/** An own message the server refused for good (not a retryable error): shown as "not sent". */
export interface FailedSend {
  conversationId: string;
  clientMsgId: string;
  /** The server's (or the SDK's) error code; branch on it, never on a message. */
  code: KidTalkErrorCode;
}

/** A message that could not be processed; it is acknowledged anyway so it cannot block the queue. */
export interface UndeliverableMessage {
  conversationId: string;
  seq: number;
  kind: EntryKind;
  clientMsgId: string;
  senderAccountId: string;
  senderDeviceId: string;
  error: KidTalkError;
}

export interface KidTalkEvents {
  connection: { state: ConnectionState; attempt: number; delayMs?: number; closeCode?: number };
  /** The server has sent everything stored for this device while it was away. */
  drained: { at: number };
  /** Every durable application message, once per (senderDeviceId, clientMsgId). */
  message: ReceivedMessage;
  /** Ephemeral: typing indicators are never stored or acknowledged. */
  typing: {
    conversationId: string;
    senderAccountId: string;
    senderDeviceId: string;
    state: 'started' | 'stopped';
  };
  /** Receipts are also `message` events; this one is for convenience. */
  receipt: {
    conversationId: string;
    senderAccountId: string;
    kind: 'delivered' | 'read';
    targets: readonly string[];
  };
  sent: SentMessage;
  presence: { publicId: string; online: boolean };
  conversation: { conversationId: string; change: 'joined' | 'updated' | 'removed' };
  undeliverable: UndeliverableMessage;
  /**
   * The session ended: the server ended it, or another tab wiped the shared store
   * ('wiped_elsewhere', closeCode 0). The client stopped and will not reconnect by itself.
   */
  session: { reason: EndReason | 'wiped_elsewhere'; closeCode: number };
  keyPackages: { remaining: number };
  error: KidTalkError;
}
