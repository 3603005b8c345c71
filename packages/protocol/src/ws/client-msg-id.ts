/** The 64 base64url characters in byte order, so a prefix written with them sorts as numbers do. */
const SORTED = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';

/**
 * A fresh clientMsgId: 8 characters of the current millisecond in an order-preserving
 * alphabet, then 96 random bits (16 characters). The wire accepts any 8..64 base64url
 * characters; time order is what lets the server's dedupe index take a batch of sends at its
 * right edge instead of one random page per message (see migration 004). The random part alone
 * keeps IDs unguessable and unique.
 */
export function newClientMsgId(now = Date.now()): string {
  let out = '';
  let t = Math.max(0, Math.floor(now));
  for (let i = 0; i < 8; i++) {
    out = SORTED[t % 64]! + out;
    t = Math.floor(t / 64);
  }
  const random = globalThis.crypto.getRandomValues(new Uint8Array(16));
  for (const b of random) out += SORTED[b & 63]!;
  return out;
}
