import { decodeGroupState, encodeGroupState } from 'ts-mls';
import {
  buf,
  concatBytes,
  decodeFields,
  encodeFields,
  fromUtf8,
  randomBytes,
  u64,
  utf8,
} from './bytes.js';
import type { CryptoContext } from './context.js';
import { clientConfig, setHead } from './context.js';
import { CryptoError } from './errors.js';
import type { Group } from './group.js';
import { unwrapState, wrapState } from './group.js';
import type { DeviceIdentity } from './identity.js';
import type { KeyPackageSecret } from './key-packages.js';

/*
 * State at rest. Everything secret (group state, private keys) is sealed with AES-256-GCM under
 * a storage key. In browsers that key is a non-extractable CryptoKey kept in IndexedDB: script
 * running later (or an XSS payload) can ask the browser to use it, but can never export it, and
 * a copy of the database alone is useless. Each kind of blob has its own label as associated
 * data, so a sealed identity cannot be passed off as group state.
 */

const NONCE = 12;

export function generateStorageKey(): Promise<CryptoKey> {
  return globalThis.crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
}

async function seal(key: CryptoKey, label: string, data: Uint8Array): Promise<Uint8Array> {
  const iv = randomBytes(NONCE);
  const ct = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: buf(iv), additionalData: buf(utf8(label)) },
    key,
    buf(data),
  );
  return concatBytes(iv, new Uint8Array(ct));
}

async function open(key: CryptoKey, label: string, sealed: Uint8Array): Promise<Uint8Array> {
  if (sealed.length < NONCE + 16) throw new CryptoError('STATE_CORRUPT', 'sealed blob too short');
  try {
    const pt = await globalThis.crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: buf(sealed.slice(0, NONCE)), additionalData: buf(utf8(label)) },
      key,
      buf(sealed.slice(NONCE)),
    );
    return new Uint8Array(pt);
  } catch (cause) {
    throw new CryptoError('STATE_CORRUPT', `cannot open ${label}: wrong key or altered`, { cause });
  }
}

const GROUP_LABEL = 'kidtalk-group-state-v1';
const IDENTITY_LABEL = 'kidtalk-identity-v1';
const KEY_PACKAGES_LABEL = 'kidtalk-key-packages-v1';

export function exportGroupState(group: Group, key: CryptoKey): Promise<Uint8Array> {
  return seal(key, GROUP_LABEL, encodeGroupState(unwrapState(group)));
}

/** Loads a group and re-attaches this context's config, so the credential check applies again. */
export async function importGroupState(
  ctx: CryptoContext,
  sealed: Uint8Array,
  key: CryptoKey,
): Promise<Group> {
  const bytes = await open(key, GROUP_LABEL, sealed);
  let decoded;
  try {
    decoded = decodeGroupState(bytes, 0);
  } catch (cause) {
    throw new CryptoError('STATE_CORRUPT', 'undecodable group state', { cause });
  }
  if (decoded === undefined || decoded[1] !== bytes.length) {
    throw new CryptoError('STATE_CORRUPT', 'undecodable group state');
  }
  const group = wrapState({ ...decoded[0], clientConfig: clientConfig(ctx) });
  setHead(ctx, group.groupId, group);
  return group;
}

export function sealIdentity(identity: DeviceIdentity, key: CryptoKey): Promise<Uint8Array> {
  return seal(
    key,
    IDENTITY_LABEL,
    encodeFields(
      utf8(identity.accountId),
      utf8(identity.deviceId),
      identity.signaturePublicKey,
      identity.signaturePrivateKey,
      identity.credential,
    ),
  );
}

export async function openIdentity(sealed: Uint8Array, key: CryptoKey): Promise<DeviceIdentity> {
  const f = decodeFields(await open(key, IDENTITY_LABEL, sealed));
  if (f?.length !== 5) throw new CryptoError('STATE_CORRUPT', 'malformed identity');
  const [account, device, pub, priv, credential] = f as [
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
    Uint8Array,
  ];
  return Object.freeze({
    accountId: fromUtf8(account),
    deviceId: fromUtf8(device),
    signaturePublicKey: pub,
    signaturePrivateKey: priv,
    credential,
  });
}

export function sealKeyPackages(
  packages: readonly KeyPackageSecret[],
  key: CryptoKey,
): Promise<Uint8Array> {
  const entries = packages.map((p) =>
    encodeFields(
      utf8(p.ref),
      p.keyPackage,
      p.initPrivateKey,
      p.hpkePrivateKey,
      new Uint8Array([p.lastResort ? 1 : 0]),
      u64(p.notAfter),
    ),
  );
  return seal(key, KEY_PACKAGES_LABEL, encodeFields(...entries));
}

export async function openKeyPackages(
  sealed: Uint8Array,
  key: CryptoKey,
): Promise<KeyPackageSecret[]> {
  const entries = decodeFields(await open(key, KEY_PACKAGES_LABEL, sealed));
  if (entries === undefined) throw new CryptoError('STATE_CORRUPT', 'malformed key packages');
  return entries.map((e) => {
    const f = decodeFields(e);
    if (f?.length !== 6) throw new CryptoError('STATE_CORRUPT', 'malformed key package');
    const [ref, kp, init, hpke, last, notAfter] = f as [
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
      Uint8Array,
    ];
    return Object.freeze({
      ref: fromUtf8(ref),
      keyPackage: kp,
      initPrivateKey: init,
      hpkePrivateKey: hpke,
      lastResort: last[0] === 1,
      notAfter: Number(new DataView(notAfter.buffer, notAfter.byteOffset, 8).getBigUint64(0)),
    });
  });
}
