import type { ReceivedMessage } from '@kidtalk/sdk';
import { isShown } from './timeline.js';

/**
 * How many messages in a conversation this person has not read: what others sent (bubbles
 * only) after this device's read marker, less what one of their own devices already sent a
 * "read" receipt for, so reading on the tablet clears the count on the phone too.
 */
export function countUnread(
  received: readonly ReceivedMessage[],
  me: string,
  readUpTo: number,
): number {
  const readElsewhere = new Set<string>();
  for (const m of received) {
    const c = m.body.content;
    if (c.type === 'receipt' && c.kind === 'read' && m.senderAccountId === me)
      for (const id of c.targets) readElsewhere.add(id);
  }
  const counted = new Set<string>();
  for (const m of received) {
    if (m.senderAccountId === me || !isShown(m.body.content)) continue;
    if (m.serverTime <= readUpTo || readElsewhere.has(m.clientMsgId)) continue;
    counted.add(m.clientMsgId);
  }
  return counted.size;
}

/** What the badge shows; the full number is in its text alternative. */
export function badgeText(count: number): string {
  return count > 99 ? '99+' : String(count);
}
