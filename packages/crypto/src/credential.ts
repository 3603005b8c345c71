import type { AuthenticationService, Credential } from 'ts-mls';
import { bytesEqual, decodeFields, encodeFields, fromUtf8, u64, utf8 } from './bytes.js';
import { CryptoError } from './errors.js';
import { suite } from './suite.js';

const CREDENTIAL_LABEL = 'kidtalk-credential-v1';
const SERVER_LABEL = 'kidtalk-server-v1';
const MAX_ID_LENGTH = 128;

/** The server's Ed25519 key: it signs device credentials and MLS external proposals. */
export interface ServerKeyPair {
  readonly publicKey: Uint8Array;
  readonly privateKey: Uint8Array;
}

export interface CredentialSubject {
  readonly accountId: string;
  readonly deviceId: string;
  readonly signaturePublicKey: Uint8Array;
}

export interface VerifiedCredential extends CredentialSubject {
  readonly issuedAt: number;
}

export async function generateServerKeyPair(): Promise<ServerKeyPair> {
  const { publicKey, signKey } = await (await suite()).signature.keygen();
  return { publicKey, privateKey: signKey };
}

function checkId(name: string, value: string): void {
  if (value.length === 0 || value.length > MAX_ID_LENGTH) {
    throw new CryptoError('INVALID_ARGUMENT', `${name} must be 1..${MAX_ID_LENGTH} characters`);
  }
}

function toBeSigned(subject: CredentialSubject, issuedAt: number): Uint8Array {
  return encodeFields(
    utf8(CREDENTIAL_LABEL),
    utf8(subject.accountId),
    utf8(subject.deviceId),
    subject.signaturePublicKey,
    u64(issuedAt),
  );
}

/**
 * Server side: binds account + device + the device's signature key. The result is the
 * `identity` of the device's MLS basic credential, so every member can check it offline.
 */
export async function issueCredential(
  server: ServerKeyPair,
  subject: CredentialSubject,
  issuedAt: number = Math.floor(Date.now() / 1000),
): Promise<Uint8Array> {
  checkId('accountId', subject.accountId);
  checkId('deviceId', subject.deviceId);
  if (subject.signaturePublicKey.length !== 32) {
    throw new CryptoError('INVALID_ARGUMENT', 'signaturePublicKey must be a 32-byte Ed25519 key');
  }
  const tbs = toBeSigned(subject, issuedAt);
  const signature = await (await suite()).signature.sign(server.privateKey, tbs);
  return encodeFields(tbs, signature);
}

/** Parses without checking the signature; callers that trust the result must verify. */
function parseCredential(
  bytes: Uint8Array,
): { tbs: Uint8Array; signature: Uint8Array; cred: VerifiedCredential } | undefined {
  const outer = decodeFields(bytes);
  if (outer?.length !== 2) return undefined;
  const [tbs, signature] = outer as [Uint8Array, Uint8Array];
  const inner = decodeFields(tbs);
  if (inner?.length !== 5) return undefined;
  const [label, account, device, key, issued] = inner as [
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
  ];
  if (!bytesEqual(label, utf8(CREDENTIAL_LABEL)) || key.length !== 32 || issued.length !== 8) {
    return undefined;
  }
  try {
    const cred: VerifiedCredential = {
      accountId: fromUtf8(account),
      deviceId: fromUtf8(device),
      signaturePublicKey: key,
      issuedAt: Number(new DataView(issued.buffer, issued.byteOffset, 8).getBigUint64(0)),
    };
    return { tbs, signature, cred };
  } catch {
    return undefined;
  }
}

/** Checks the server's signature; throws CREDENTIAL_INVALID otherwise. */
export async function verifyCredential(
  credential: Uint8Array,
  serverPublicKey: Uint8Array,
): Promise<VerifiedCredential> {
  const parsed = parseCredential(credential);
  if (parsed === undefined) throw new CryptoError('CREDENTIAL_INVALID', 'malformed credential');
  let ok: boolean;
  try {
    ok = await (await suite()).signature.verify(serverPublicKey, parsed.tbs, parsed.signature);
  } catch {
    ok = false;
  }
  if (!ok) throw new CryptoError('CREDENTIAL_INVALID', 'credential not signed by the server');
  return parsed.cred;
}

/** Reads the subject of a credential that ts-mls already validated through our auth service. */
export function readCredential(credential: Credential): VerifiedCredential | undefined {
  if (credential.credentialType !== 'basic') return undefined;
  return parseCredential(credential.identity)?.cred;
}

/** The MLS credential the server uses as an external sender. */
export function serverMlsCredential(): Credential {
  return { credentialType: 'basic', identity: encodeFields(utf8(SERVER_LABEL)) };
}

/**
 * Replaces ts-mls's accept-everything default. A leaf is valid only if its credential is
 * server-signed and names the very key that signs the leaf; the only other credential allowed
 * is the server's own, as external sender, under the pinned server key.
 */
export function makeAuthService(serverPublicKey: Uint8Array): AuthenticationService {
  const serverIdentity = serverMlsCredential();
  return {
    async validateCredential(credential, signaturePublicKey) {
      if (credential.credentialType !== 'basic') return false;
      if (
        serverIdentity.credentialType === 'basic' &&
        bytesEqual(credential.identity, serverIdentity.identity)
      ) {
        return bytesEqual(signaturePublicKey, serverPublicKey);
      }
      try {
        const cred = await verifyCredential(credential.identity, serverPublicKey);
        return bytesEqual(cred.signaturePublicKey, signaturePublicKey);
      } catch {
        return false;
      }
    },
  };
}
