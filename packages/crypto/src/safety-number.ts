import { sha512 } from '@noble/hashes/sha2.js';
import { bytesEqual, concatBytes, encodeFields, toHex, utf8 } from './bytes.js';

/*
 * Safety numbers, after Signal's: each side's fingerprint is SHA-512 iterated 5200 times over
 * its account ID and all its device keys (sorted), cut into 30 digits. The pair's number is the
 * two halves in sorted order, so both people see the same 60 digits. Covering every device key
 * means a device the server slipped in (it signs credentials) changes the number.
 */

const VERSION = 0;
const ITERATIONS = 5200;
const QR_VERSION = 1;

export interface SafetyIdentity {
  readonly accountId: string;
  readonly signaturePublicKeys: readonly Uint8Array[];
}

export interface SafetyNumber {
  /** 60 digits in 12 groups of 5, space-separated. */
  readonly digits: string;
  /** Bytes for a QR code: version ‖ both 32-byte fingerprints in sorted order. */
  readonly qrPayload: Uint8Array;
}

function fingerprint(id: SafetyIdentity): Uint8Array {
  const keys = [...id.signaturePublicKeys].sort((a, b) => (toHex(a) < toHex(b) ? -1 : 1));
  const keyBytes = encodeFields(...keys);
  let hash = sha512(
    concatBytes(new Uint8Array([0, VERSION]), encodeFields(utf8(id.accountId), keyBytes)),
  );
  for (let i = 0; i < ITERATIONS; i++) hash = sha512(concatBytes(hash, keyBytes));
  return hash.slice(0, 32);
}

function digitsOf(fp: Uint8Array): string {
  const groups: string[] = [];
  for (let i = 0; i < 30; i += 5) {
    let n = 0;
    for (let j = 0; j < 5; j++) n = n * 256 + (fp[i + j] ?? 0);
    groups.push(String(n % 100000).padStart(5, '0'));
  }
  return groups.join(' ');
}

function ordered(a: SafetyIdentity, b: SafetyIdentity): [Uint8Array, Uint8Array] {
  const fa = fingerprint(a);
  const fb = fingerprint(b);
  return toHex(fa) <= toHex(fb) ? [fa, fb] : [fb, fa];
}

export function safetyNumber(a: SafetyIdentity, b: SafetyIdentity): SafetyNumber {
  const [first, second] = ordered(a, b);
  return {
    digits: `${digitsOf(first)} ${digitsOf(second)}`,
    qrPayload: concatBytes(new Uint8Array([QR_VERSION]), first, second),
  };
}

/** For the scanning phone: does the other phone's QR code show the same pair of identities? */
export function verifySafetyQr(payload: Uint8Array, a: SafetyIdentity, b: SafetyIdentity): boolean {
  return bytesEqual(payload, safetyNumber(a, b).qrPayload);
}
