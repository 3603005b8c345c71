import {
  createCryptoContext,
  createDeviceIdentity,
  generateDeviceKeys,
  generateKeyPackages,
  generateServerKeyPair,
  issueCredential,
} from '../src/index.js';
import type {
  CryptoContext,
  DeviceIdentity,
  KeyPackageSecret,
  ServerKeyPair,
} from '../src/index.js';

export interface Device {
  readonly ctx: CryptoContext;
  readonly identity: DeviceIdentity;
  keyPackages: KeyPackageSecret[];
}

export async function makeDevice(
  server: ServerKeyPair,
  accountId: string,
  deviceId = 'd1',
): Promise<Device> {
  const keys = await generateDeviceKeys();
  const credential = await issueCredential(server, {
    accountId,
    deviceId,
    signaturePublicKey: keys.signaturePublicKey,
  });
  const identity = await createDeviceIdentity(keys, credential, server.publicKey);
  const ctx = createCryptoContext({ serverPublicKey: server.publicKey });
  const keyPackages = await generateKeyPackages(identity, { count: 2 });
  return { ctx, identity, keyPackages };
}

export { generateServerKeyPair };

export function text(id: string, t: string) {
  return { id, sentAt: 1_700_000_000_000, content: { type: 'text' as const, text: t } };
}
