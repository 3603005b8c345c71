import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { buf, bytesEqual, concatBytes, randomBytes, utf8 } from './bytes.js';
import { CryptoError } from './errors.js';

/*
 * Attachment encryption: AES-256-CTR then HMAC-SHA256 (encrypt-then-MAC), both keys derived
 * from one random 32-byte attachment key with HKDF-SHA256.
 * Why it is key-committing: the tag is HMAC(macKey, header ‖ ciphertext), and HMAC-SHA256 is
 * collision resistant in its key and message, so no second key yields a valid tag for the same
 * blob. AES-GCM alone is not committing (one ciphertext can be made to decrypt under two keys,
 * the "invisible salamanders" attack), which would let a sender show a moderator a different
 * picture than the child saw. On top of that, SHA-256(blob) goes inside the franked message,
 * binding the exact blob to the report.
 * Blob: version(1) ‖ nonce(16) ‖ ciphertext ‖ tag(32).
 */

const VERSION = 1;
const NONCE_LENGTH = 16;
const TAG_LENGTH = 32;
export const ATTACHMENT_KEY_LENGTH = 32;
export const MAX_ATTACHMENT_SIZE = 25 * 1024 * 1024;

/** Travels inside the (franked, MLS-encrypted) message; the server sees only the blob. */
export interface AttachmentSecret {
  readonly key: Uint8Array;
  /** SHA-256 of the whole encrypted blob. */
  readonly sha256: Uint8Array;
  /** Byte length of the encrypted blob. */
  readonly size: number;
}

export interface EncryptedAttachment extends AttachmentSecret {
  readonly blob: Uint8Array;
}

async function subKeys(key: Uint8Array): Promise<{ enc: CryptoKey; mac: CryptoKey }> {
  if (key.length !== ATTACHMENT_KEY_LENGTH) {
    throw new CryptoError('ATTACHMENT_INTEGRITY', 'attachment key must be 32 bytes');
  }
  const subtle = globalThis.crypto.subtle;
  const encRaw = hkdf(sha256, key, undefined, utf8('kidtalk-attachment-enc-v1'), 32);
  const macRaw = hkdf(sha256, key, undefined, utf8('kidtalk-attachment-mac-v1'), 32);
  const [enc, mac] = await Promise.all([
    subtle.importKey('raw', buf(encRaw), 'AES-CTR', false, ['encrypt', 'decrypt']),
    subtle.importKey('raw', buf(macRaw), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
  ]);
  encRaw.fill(0);
  macRaw.fill(0);
  return { enc, mac };
}

export async function encryptAttachment(plaintext: Uint8Array): Promise<EncryptedAttachment> {
  if (plaintext.length > MAX_ATTACHMENT_SIZE - 1 - NONCE_LENGTH - TAG_LENGTH) {
    throw new CryptoError('INVALID_ARGUMENT', 'attachment too large');
  }
  const subtle = globalThis.crypto.subtle;
  const key = randomBytes(ATTACHMENT_KEY_LENGTH);
  const { enc, mac } = await subKeys(key);
  const nonce = randomBytes(NONCE_LENGTH);
  const ciphertext = new Uint8Array(
    await subtle.encrypt({ name: 'AES-CTR', counter: buf(nonce), length: 64 }, enc, buf(plaintext)),
  );
  const header = concatBytes(new Uint8Array([VERSION]), nonce);
  const tag = new Uint8Array(await subtle.sign('HMAC', mac, buf(concatBytes(header, ciphertext))));
  const blob = concatBytes(header, ciphertext, tag);
  const digest = new Uint8Array(await subtle.digest('SHA-256', buf(blob)));
  return { blob, key, sha256: digest, size: blob.length };
}

/** Throws ATTACHMENT_INTEGRITY unless this is exactly the blob the sender referenced. */
export async function decryptAttachment(
  blob: Uint8Array,
  secret: AttachmentSecret,
): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle;
  if (blob.length !== secret.size || blob.length < 1 + NONCE_LENGTH + TAG_LENGTH) {
    throw new CryptoError('ATTACHMENT_INTEGRITY', 'attachment size mismatch');
  }
  const digest = new Uint8Array(await subtle.digest('SHA-256', buf(blob)));
  if (!bytesEqual(digest, secret.sha256)) {
    throw new CryptoError('ATTACHMENT_INTEGRITY', 'attachment hash mismatch');
  }
  if (blob[0] !== VERSION)
    throw new CryptoError('ATTACHMENT_INTEGRITY', 'unknown attachment version');
  const { enc, mac } = await subKeys(secret.key);
  const body = blob.subarray(0, blob.length - TAG_LENGTH);
  const tag = blob.subarray(blob.length - TAG_LENGTH);
  const expected = new Uint8Array(await subtle.sign('HMAC', mac, buf(body.slice())));
  if (!bytesEqual(expected, tag)) {
    throw new CryptoError('ATTACHMENT_INTEGRITY', 'attachment key does not match');
  }
  const nonce = blob.slice(1, 1 + NONCE_LENGTH);
  const ciphertext = blob.slice(1 + NONCE_LENGTH, blob.length - TAG_LENGTH);
  return new Uint8Array(
    await subtle.decrypt({ name: 'AES-CTR', counter: nonce, length: 64 }, enc, ciphertext),
  );
}
