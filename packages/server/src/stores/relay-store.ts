import type { EntryKind, MsgFrame } from '@kidtalk/protocol';
import type { MailboxRow } from './mailbox-store.js';

export interface MailboxItem {
  conversationId: string;
  kind: EntryKind;
  senderId: string;
  senderDeviceId: string;
  clientMsgId: string;
  epoch: number;
  body: string;
  frankTag: string;
  countersig: string;
  createdAt: number;
}

export type EnqueueResult =
  | { duplicate: false; gone?: false }
  | { duplicate: true; countersig: string; createdAt: number }
  /** The conversation (or the sending device) went away after the route was read: nothing stored. */
  | { duplicate: false; gone: true };

export interface RelaySubmission {
  item: MailboxItem;
  deviceIds: readonly string[];
  /** Record (sender device, clientMsgId) once; a resend is answered as a duplicate. */
  dedupe: boolean;
}

export interface RelayBatchResult {
  /** One per submission, in order. */
  outcomes: EnqueueResult[];
  /** The stored entries as `msg` frames, ready for the recipients' sockets. */
  deliveries: { deviceId: string; payload: string }[];
}

/**
 * The relay's hot path: one group-committed batch of sends and deletes on ack, and a
 * device's drain. `SqliteRelayStore` runs prepared statements on the raw handle; `PgRelayStore` batches
 * multi-row statements through Kysely. Both keep the same rules: a cached route that names a
 * device or conversation deleted a moment ago costs only that send, never the whole batch.
 */
export interface RelayStore {
  /**
   * One transaction: the batch's sends, then deletes of acknowledged seqs by device (a
   * device's seqs only ever match its own rows).
   */
  commit(
    batch: readonly RelaySubmission[],
    acked: ReadonlyMap<string, readonly number[]>,
  ): Promise<RelayBatchResult>;
  pending(deviceId: string, limit: number): Promise<MailboxRow[]>;
}

type EntryFields = Omit<MailboxRow, 'seq'>;

export function toEntry(item: MailboxItem, deviceId: string): EntryFields {
  return {
    device_id: deviceId,
    conversation_id: item.conversationId,
    kind: item.kind,
    sender_id: item.senderId,
    sender_device_id: item.senderDeviceId,
    client_msg_id: item.clientMsgId,
    epoch: item.epoch,
    body: item.body,
    frank_tag: item.frankTag,
    countersig: item.countersig,
    created_at: item.createdAt,
  };
}

export function rowToFrame(r: EntryFields & { seq: number }): MsgFrame {
  return {
    t: 'msg',
    seq: r.seq,
    kind: r.kind,
    conv: r.conversation_id,
    from: r.sender_id,
    dev: r.sender_device_id,
    id: r.client_msg_id,
    epoch: r.epoch,
    body: r.body,
    frank: r.frank_tag,
    sig: r.countersig,
    ts: r.created_at,
  };
}

/** Characters that never need escaping in JSON: every ID and base64url field is made of them. */
const PLAIN = /^[\w.:-]*$/;

/** A JSON string literal; a plain value is quoted as is instead of copied by JSON.stringify. */
const q = (s: string) => (PLAIN.test(s) ? `"${s}"` : JSON.stringify(s));

/**
 * The `msg` frame for one recipient, as the socket sends it: the same text as
 * `JSON.stringify(rowToFrame(…))` (relay-store.test.ts pins the two), written directly because
 * it runs once per delivery and the objects in between were garbage at once.
 */
export function msgPayload(item: MailboxItem, seq: number): string {
  return (
    `{"t":"msg","seq":${seq},"kind":${q(item.kind)},"conv":${q(item.conversationId)},` +
    `"from":${q(item.senderId)},"dev":${q(item.senderDeviceId)},"id":${q(item.clientMsgId)},` +
    `"epoch":${JSON.stringify(item.epoch)},"body":${q(item.body)},"frank":${q(item.frankTag)},` +
    `"sig":${q(item.countersig)},"ts":${JSON.stringify(item.createdAt)}}`
  );
}

/** A stored row's `msg` frame (a drain), written as a live delivery's is. */
export function rowPayload(r: EntryFields & { seq: number }): string {
  return msgPayload(
    {
      conversationId: r.conversation_id,
      kind: r.kind,
      senderId: r.sender_id,
      senderDeviceId: r.sender_device_id,
      clientMsgId: r.client_msg_id,
      epoch: r.epoch,
      body: r.body,
      frankTag: r.frank_tag,
      countersig: r.countersig,
      createdAt: r.created_at,
    },
    r.seq,
  );
}

/** The `sent` frame, written directly for the same reason (pinned to JSON.stringify too). */
export function sentPayload(id: string, ts: number, sig: string): string {
  return `{"t":"sent","id":${q(id)},"ts":${JSON.stringify(ts)},"sig":${q(sig)}}`;
}
