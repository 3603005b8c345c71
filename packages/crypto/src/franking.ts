import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesEqual, encodeFields, randomBytes, u64, utf8 } from './bytes.js';
import { CryptoError } from './errors.js';

/*
 * Message franking (Facebook; Grubbs, Lu, Ristenpart, CRYPTO 2017).
 * Sender: fresh frankKey per message, frankTag = HMAC-SHA256(frankKey, plaintext). frankKey and
 * plaintext travel inside the MLS ciphertext, frankTag beside it (and in the MLS authenticated
 * data, so it cannot be swapped onto another ciphertext).
 * Server: at relay time, countersignature = HMAC-SHA256(serverKey, tag ‖ sender ‖ conversation
 * ‖ time). An HMAC (not a signature) keeps the evidence checkable by the server only, so a
 * leaked report does not prove anything to third parties (deniability, as in Facebook's design).
 * Reporter: reveals plaintext, frankKey, tag, and the server's envelope; verifyReport re-derives
 * both MACs. HMAC-SHA256 is a committing MAC: no one can find a second (key, plaintext) pair for
 * the same tag, so a reporter cannot forge, and a sender cannot later deny.
 */

export const FRANK_KEY_LENGTH = 32;
const COUNTERSIGN_LABEL = utf8('kidtalk-countersign-v1');

export function generateFrankKey(): Uint8Array {
  return randomBytes(FRANK_KEY_LENGTH);
}

export function frankTag(frankKey: Uint8Array, plaintext: Uint8Array): Uint8Array {
  if (frankKey.length !== FRANK_KEY_LENGTH)
    throw new CryptoError('FRANKING_INVALID', 'bad franking key');
  return hmac(sha256, frankKey, plaintext);
}

export function checkFrankTag(
  frankKey: Uint8Array,
  plaintext: Uint8Array,
  tag: Uint8Array,
): boolean {
  return frankKey.length === FRANK_KEY_LENGTH && bytesEqual(frankTag(frankKey, plaintext), tag);
}

/** The server's secret franking key (32 random bytes). Rotate by keeping old keys to verify. */
export function generateFrankingServerKey(): Uint8Array {
  return randomBytes(32);
}

export interface FrankingSender {
  readonly accountId: string;
  readonly deviceId: string;
}

/** What the server binds at relay time; it comes from the authenticated socket, not the client. */
export interface CountersignInput {
  readonly frankTag: Uint8Array;
  readonly sender: FrankingSender;
  readonly conversationId: string;
  /** Milliseconds since the epoch, server clock. */
  readonly serverTime: number;
}

/**
 * The exact bytes the server MACs at relay time. Exported so a server can compute the same
 * HMAC with a native implementation on its hot path; `countersign` stays the reference.
 */
export function countersignData(input: CountersignInput): Uint8Array {
  if (!Number.isSafeInteger(input.serverTime) || input.serverTime < 0) {
    throw new CryptoError('INVALID_ARGUMENT', 'serverTime must be a non-negative integer');
  }
  return encodeFields(
    COUNTERSIGN_LABEL,
    input.frankTag,
    utf8(input.sender.accountId),
    utf8(input.sender.deviceId),
    utf8(input.conversationId),
    u64(input.serverTime),
  );
}

/** Server side, at relay time. */
export function countersign(serverKey: Uint8Array, input: CountersignInput): Uint8Array {
  if (input.frankTag.length !== 32)
    throw new CryptoError('FRANKING_INVALID', 'frankTag must be 32 bytes');
  return hmac(sha256, serverKey, countersignData(input));
}

/** The evidence a reporter sends: the decrypted message's franking data plus the server envelope. */
export interface FrankedReport extends CountersignInput {
  /** The exact plaintext bytes (the encoded message body) that were franked. */
  readonly plaintext: Uint8Array;
  readonly frankKey: Uint8Array;
  readonly countersignature: Uint8Array;
}

/**
 * Server side: true only if the accused really sent exactly this plaintext in this conversation
 * at that time. Throws REPORT_INVALID otherwise; the caller decides nothing from a failed check.
 */
export function verifyReport(
  serverKey: Uint8Array | readonly Uint8Array[],
  report: FrankedReport,
): true {
  if (!checkFrankTag(report.frankKey, report.plaintext, report.frankTag)) {
    throw new CryptoError('REPORT_INVALID', 'plaintext and franking key do not match the tag');
  }
  const keys = serverKey instanceof Uint8Array ? [serverKey] : serverKey;
  const data = countersignData(report);
  const ok = keys.some((k) => bytesEqual(hmac(sha256, k, data), report.countersignature));
  if (!ok) throw new CryptoError('REPORT_INVALID', 'countersignature does not match');
  return true;
}
