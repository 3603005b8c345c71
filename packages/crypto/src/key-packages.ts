import type { Capabilities, KeyPackage, PrivateKeyPackage } from 'ts-mls';
import { defaultCapabilities, generateKeyPackageWithKey } from 'ts-mls';
import { makeKeyPackageRef } from 'ts-mls/keyPackage.js';
import { toHex } from './bytes.js';
import { CryptoError } from './errors.js';
import type { DeviceIdentity } from './identity.js';
import { decodeKeyPackage, encodeKeyPackage } from './mls-codec.js';
import { suite } from './suite.js';

/** RFC 9420 leaves KeyPackage reuse to the application; this is the MLS-extensions marker. */
export const LAST_RESORT_EXTENSION = 0x000a;
const DAY = 24 * 3600;
export const SINGLE_USE_LIFETIME = 30 * DAY;
export const LAST_RESORT_LIFETIME = 90 * DAY;
/** Tolerated clock skew between devices when a KeyPackage becomes valid. */
const SKEW = 3600;

/**
 * One KeyPackage and its private keys. `keyPackage` is what goes to the server's directory;
 * the rest never leaves the device (persist it with sealKeyPackages).
 */
export interface KeyPackageSecret {
  readonly ref: string;
  readonly keyPackage: Uint8Array;
  readonly initPrivateKey: Uint8Array;
  readonly hpkePrivateKey: Uint8Array;
  readonly lastResort: boolean;
  readonly notAfter: number;
}

export interface KeyPackageOptions {
  readonly count?: number;
  readonly lastResort?: boolean;
  readonly lifetimeSeconds?: number;
  readonly now?: number;
}

export function capabilities(): Capabilities {
  const caps = defaultCapabilities();
  return { ...caps, extensions: [...caps.extensions, LAST_RESORT_EXTENSION] };
}

export async function keyPackageRef(keyPackage: KeyPackage): Promise<string> {
  return toHex(await makeKeyPackageRef(keyPackage, (await suite()).hash));
}

/** Internal: a fresh KeyPackage (for createGroup and external joins) with a real lifetime. */
export async function freshKeyPackage(
  identity: DeviceIdentity,
  lifetimeSeconds: number,
  now: number,
  lastResort = false,
): Promise<{ publicPackage: KeyPackage; privatePackage: PrivateKeyPackage }> {
  return generateKeyPackageWithKey(
    { credentialType: 'basic', identity: identity.credential },
    capabilities(),
    { notBefore: BigInt(now - SKEW), notAfter: BigInt(now + lifetimeSeconds) },
    lastResort ? [{ extensionType: LAST_RESORT_EXTENSION, extensionData: new Uint8Array() }] : [],
    { signKey: identity.signaturePrivateKey, publicKey: identity.signaturePublicKey },
    await suite(),
  );
}

/**
 * Single-use packages (default 30 days) for the directory, or one last-resort package
 * (default 90 days) handed out when the single-use ones run out.
 */
export async function generateKeyPackages(
  identity: DeviceIdentity,
  options: KeyPackageOptions = {},
): Promise<KeyPackageSecret[]> {
  const lastResort = options.lastResort ?? false;
  const count = lastResort ? 1 : (options.count ?? 1);
  const lifetime =
    options.lifetimeSeconds ?? (lastResort ? LAST_RESORT_LIFETIME : SINGLE_USE_LIFETIME);
  if (!Number.isInteger(count) || count < 1 || count > 500) {
    throw new CryptoError('INVALID_ARGUMENT', 'count must be 1..500');
  }
  if (!Number.isInteger(lifetime) || lifetime < 60 || lifetime > LAST_RESORT_LIFETIME) {
    throw new CryptoError('INVALID_ARGUMENT', 'lifetime must be 60 s .. 90 days');
  }
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const out: KeyPackageSecret[] = [];
  for (let i = 0; i < count; i++) {
    const { publicPackage, privatePackage } = await freshKeyPackage(
      identity,
      lifetime,
      now,
      lastResort,
    );
    out.push(
      Object.freeze({
        ref: await keyPackageRef(publicPackage),
        keyPackage: encodeKeyPackage(publicPackage),
        initPrivateKey: privatePackage.initPrivateKey,
        hpkePrivateKey: privatePackage.hpkePrivateKey,
        lastResort,
        notAfter: now + lifetime,
      }),
    );
  }
  return out;
}

/** What the server's directory needs to know about an uploaded package, read from its bytes. */
export interface KeyPackageInfo {
  readonly ref: string;
  readonly lastResort: boolean;
  readonly notBefore: number;
  readonly notAfter: number;
  readonly signaturePublicKey: Uint8Array;
  readonly credential: Uint8Array;
}

export async function inspectKeyPackage(bytes: Uint8Array): Promise<KeyPackageInfo> {
  const kp = decodeKeyPackage(bytes);
  const leaf = kp.leafNode;
  if (leaf.credential.credentialType !== 'basic') {
    throw new CryptoError('KEY_PACKAGE_INVALID', 'KeyPackage without a basic credential');
  }
  return {
    ref: await keyPackageRef(kp),
    lastResort: kp.extensions.some((e) => e.extensionType === LAST_RESORT_EXTENSION),
    notBefore: Number(leaf.lifetime.notBefore),
    notAfter: Number(leaf.lifetime.notAfter),
    signaturePublicKey: leaf.signaturePublicKey,
    credential: leaf.credential.identity,
  };
}
