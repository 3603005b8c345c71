import { bytesEqual } from './bytes.js';
import { verifyCredential } from './credential.js';
import { CryptoError } from './errors.js';
import { suite } from './suite.js';

/** A device's long-term signature key pair, before the server has certified it. */
export interface DeviceKeys {
  readonly signaturePublicKey: Uint8Array;
  readonly signaturePrivateKey: Uint8Array;
}

/** A device key pair plus the server-signed credential naming it. Private: never leaves the device. */
export interface DeviceIdentity extends DeviceKeys {
  readonly accountId: string;
  readonly deviceId: string;
  readonly credential: Uint8Array;
}

export async function generateDeviceKeys(): Promise<DeviceKeys> {
  const { publicKey, signKey } = await (await suite()).signature.keygen();
  return { signaturePublicKey: publicKey, signaturePrivateKey: signKey };
}

/**
 * Pairs the device keys with the credential the server issued for them. Refuses a credential
 * that is not server-signed or names another key, so a device can never publish KeyPackages
 * that honest members would reject.
 */
export async function createDeviceIdentity(
  keys: DeviceKeys,
  credential: Uint8Array,
  serverPublicKey: Uint8Array,
): Promise<DeviceIdentity> {
  const cred = await verifyCredential(credential, serverPublicKey);
  if (!bytesEqual(cred.signaturePublicKey, keys.signaturePublicKey)) {
    throw new CryptoError('CREDENTIAL_INVALID', 'credential names a different signature key');
  }
  return Object.freeze({
    accountId: cred.accountId,
    deviceId: cred.deviceId,
    signaturePublicKey: keys.signaturePublicKey,
    signaturePrivateKey: keys.signaturePrivateKey,
    credential,
  });
}
