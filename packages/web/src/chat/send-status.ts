import type { ReceiptState } from './receipts.js';

/** What this device knows about one of its own messages before any receipt. */
export interface SendFacts {
  /** The server refused it for good (the SDK's failedMessages). */
  failed: boolean;
  /** Still in the SDK's outbox, not acknowledged. */
  pending: boolean;
  /** The socket is ready right now. */
  online: boolean;
}

/**
 * The mark an own message shows: "couldn't send" (with "try again") for a refusal, "not sent
 * yet" while it waits in the outbox with no connection, "sending" while it is on its way, and
 * otherwise whatever the receipts say (from "sent" on).
 */
export function sendStatus(facts: SendFacts, receipt: ReceiptState | undefined): ReceiptState {
  if (facts.failed) return 'failed';
  if (facts.pending) return facts.online ? 'sending' : 'queued';
  return receipt ?? 'sent';
}
