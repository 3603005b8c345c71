import type { OwnMessage, ReceivedMessage } from '@kidtalk/sdk';
import type { ReceiptMap, ReceiptState } from './receipts.js';
import { applyReceipt } from './receipts.js';
import { sendStatus } from './send-status.js';

type Content = ReceivedMessage['body']['content'];
/** What a bubble shows: the kinds a person sends, plus the ones we cannot read. */
export type ShownContent = Extract<
  Content,
  { type: 'text' | 'sticker' | 'image' | 'voice' | 'drawing' | 'location' | 'unknown' }
>;

export interface ChatItem {
  id: string;
  mine: boolean;
  senderAccountId: string;
  /** Server time for received messages; this device's clock for its own. */
  at: number;
  content: ShownContent;
  /** Own messages only. */
  receipt?: ReceiptState;
}

const SHOWN = new Set(['text', 'sticker', 'image', 'voice', 'drawing', 'location', 'unknown']);

export function isShown(content: Content): content is ShownContent {
  return SHOWN.has(content.type);
}

export interface TimelineInput {
  received: readonly ReceivedMessage[];
  own: readonly OwnMessage[];
  /** Own ids still in the outbox (not acknowledged by the server). */
  pending: ReadonlySet<string>;
  /** Own ids the server refused for good. */
  failed: ReadonlySet<string>;
  /** Whether the socket is ready: an outbox entry is "sending" then, "not sent yet" otherwise. */
  online: boolean;
  me: string;
}

/** Receipts other people sent about our messages, as found among the received messages. */
export function receiptsFrom(received: readonly ReceivedMessage[], me: string): ReceiptMap {
  let map: ReceiptMap = new Map();
  for (const m of received) {
    const c = m.body.content;
    if (c.type === 'receipt' && m.senderAccountId !== me)
      map = applyReceipt(map, c.kind, c.targets);
  }
  return map;
}

/**
 * One ordered list from what this device received and what it sent itself. Messages our other
 * devices sent arrive as received messages and show as ours. Receipts, reactions and typing
 * never become bubbles.
 */
export function buildTimeline(input: TimelineInput, receipts: ReceiptMap): ChatItem[] {
  const items = new Map<string, ChatItem>();
  for (const m of input.received) {
    const content = m.body.content;
    if (!isShown(content) || items.has(m.clientMsgId)) continue;
    const mine = m.senderAccountId === input.me;
    items.set(m.clientMsgId, {
      id: m.clientMsgId,
      mine,
      senderAccountId: m.senderAccountId,
      at: m.serverTime,
      content,
      ...(mine && { receipt: receipts.get(m.clientMsgId) ?? 'sent' }),
    });
  }
  for (const m of input.own) {
    if (items.has(m.clientMsgId) || !isShown(m.content)) continue;
    const receipt = sendStatus(
      {
        failed: input.failed.has(m.clientMsgId),
        pending: input.pending.has(m.clientMsgId),
        online: input.online,
      },
      receipts.get(m.clientMsgId),
    );
    items.set(m.clientMsgId, {
      id: m.clientMsgId,
      mine: true,
      senderAccountId: input.me,
      at: m.sentAt,
      content: m.content,
      receipt,
    });
  }
  return [...items.values()].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
}

/** Incoming messages newer than the watermark: the ones a "read" receipt is owed for. */
export function unreadIncoming(items: readonly ChatItem[], readUpTo: number): ChatItem[] {
  return items.filter((i) => !i.mine && i.at > readUpTo);
}
