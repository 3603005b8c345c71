/**
 * What the sender sees under a bubble. `queued` waits in the outbox for a connection; `failed`
 * is only ever a send the server refused (it never reached anyone).
 */
export type ReceiptState = 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'failed';

const RANK: Record<ReceiptState, number> = {
  failed: 0,
  queued: 0,
  sending: 0,
  sent: 1,
  delivered: 2,
  read: 3,
};

/**
 * Receipts only move forward: a late "delivered" never hides a "read", and receipts from several
 * devices of the same person arrive in any order. A failed send stays failed until it is retried.
 */
export function advance(current: ReceiptState | undefined, next: ReceiptState): ReceiptState {
  if (!current) return next;
  if (current === 'failed' && next === 'sending') return next;
  return RANK[next] > RANK[current] ? next : current;
}

export type ReceiptMap = ReadonlyMap<string, ReceiptState>;

/** Applies one event to the map of own message ids; returns the same map when nothing changed. */
export function applyReceipt(
  map: ReceiptMap,
  state: ReceiptState,
  targets: readonly string[],
): ReceiptMap {
  let out: Map<string, ReceiptState> | undefined;
  for (const id of targets) {
    const now = advance(map.get(id), state);
    if (now === map.get(id)) continue;
    out ??= new Map(map);
    out.set(id, now);
  }
  return out ?? map;
}
