import { EVIDENCE_MAX_ITEMS, EVIDENCE_PLAINTEXT_MAX } from '@kidtalk/protocol';
import type { ReceivedMessage } from '@kidtalk/sdk';

/** What a child can pick as evidence: things people see in a chat, not receipts or typing. */
const SHOWN = new Set(['text', 'sticker', 'image', 'voice', 'drawing', 'location']);

/**
 * The messages from `senderAccountId` that can go in a report, newest first (the hurtful one
 * is usually recent). Only what the server can verify: the sender's own messages, with their
 * franking data, and no larger than a report item may be.
 */
export function reportableMessages(
  messages: readonly ReceivedMessage[],
  senderAccountId: string,
): ReceivedMessage[] {
  return messages
    .filter(
      (m) =>
        m.senderAccountId === senderAccountId &&
        SHOWN.has(m.body.content.type) &&
        m.franking.plaintext.length > 0 &&
        m.franking.plaintext.length <= EVIDENCE_PLAINTEXT_MAX,
    )
    .sort((a, b) => b.serverTime - a.serverTime);
}

/** Ticks or unticks one message; a tick past the limit is refused (returns the same set). */
export function toggleEvidence(
  selected: ReadonlySet<string>,
  key: string,
  max = EVIDENCE_MAX_ITEMS,
): ReadonlySet<string> {
  const next = new Set(selected);
  if (next.has(key)) next.delete(key);
  else if (next.size >= max) return selected;
  else next.add(key);
  return next;
}

/** A stable key for a received message: (sender device, clientMsgId) is unique. */
export const evidenceKey = (m: ReceivedMessage) => `${m.senderDeviceId}:${m.clientMsgId}`;

export { EVIDENCE_MAX_ITEMS };
