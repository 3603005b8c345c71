import type {
  GroupInfo,
  KeyPackage,
  MLSMessage,
  PrivateMessage,
  PublicMessage,
  Welcome,
} from 'ts-mls';
import { decodeMlsMessage, encodeMlsMessage } from 'ts-mls';
import { CryptoError } from './errors.js';
import type { CryptoErrorCode } from './errors.js';

/** Internal helpers: the only place that turns wire bytes into ts-mls values and back. */

export function decodeMessage(bytes: Uint8Array, code: CryptoErrorCode): MLSMessage {
  let decoded: [MLSMessage, number] | undefined;
  try {
    decoded = decodeMlsMessage(bytes, 0);
  } catch (cause) {
    throw new CryptoError(code, 'malformed MLS message', { cause });
  }
  if (decoded === undefined || decoded[1] !== bytes.length) {
    throw new CryptoError(code, 'malformed MLS message');
  }
  return decoded[0];
}

export function decodeKeyPackage(bytes: Uint8Array): KeyPackage {
  const msg = decodeMessage(bytes, 'KEY_PACKAGE_INVALID');
  if (msg.wireformat !== 'mls_key_package') {
    throw new CryptoError('KEY_PACKAGE_INVALID', 'not a KeyPackage');
  }
  return msg.keyPackage;
}

export function decodeWelcome(bytes: Uint8Array): Welcome {
  const msg = decodeMessage(bytes, 'DECRYPT_FAILED');
  if (msg.wireformat !== 'mls_welcome') throw new CryptoError('DECRYPT_FAILED', 'not a Welcome');
  return msg.welcome;
}

export function decodeGroupInfo(bytes: Uint8Array): GroupInfo {
  const msg = decodeMessage(bytes, 'INVALID_ARGUMENT');
  if (msg.wireformat !== 'mls_group_info')
    throw new CryptoError('INVALID_ARGUMENT', 'not a GroupInfo');
  return msg.groupInfo;
}

export const encodeKeyPackage = (keyPackage: KeyPackage): Uint8Array =>
  encodeMlsMessage({ version: 'mls10', wireformat: 'mls_key_package', keyPackage });

export const encodeWelcome = (welcome: Welcome): Uint8Array =>
  encodeMlsMessage({ version: 'mls10', wireformat: 'mls_welcome', welcome });

export const encodeGroupInfo = (groupInfo: GroupInfo): Uint8Array =>
  encodeMlsMessage({ version: 'mls10', wireformat: 'mls_group_info', groupInfo });

export const encodePrivate = (privateMessage: PrivateMessage): Uint8Array =>
  encodeMlsMessage({ version: 'mls10', wireformat: 'mls_private_message', privateMessage });

export const encodePublic = (publicMessage: PublicMessage): Uint8Array =>
  encodeMlsMessage({ version: 'mls10', wireformat: 'mls_public_message', publicMessage });

export { encodeMlsMessage };
