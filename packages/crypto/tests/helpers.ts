import { expect } from 'vitest';
import {
  addMembers,
  createCryptoContext,
  createDeviceIdentity,
  createGroup,
  generateDeviceKeys,
  generateKeyPackages,
  generateServerKeyPair,
  isCryptoError,
  issueCredential,
  joinFromWelcome,
  processIncoming,
} from '../src/index.js';
import type {
  CryptoContext,
  CryptoErrorCode,
  DeviceIdentity,
  Group,
  IncomingResult,
  KeyPackageSecret,
  MessageBody,
  ServerKeyPair,
} from '../src/index.js';

export interface Device {
  readonly ctx: CryptoContext;
  readonly identity: DeviceIdentity;
  keyPackages: KeyPackageSecret[];
  group?: Group;
}

export async function makeDevice(
  server: ServerKeyPair,
  accountId: string,
  deviceId = 'd1',
  trusted: Uint8Array = server.publicKey,
): Promise<Device> {
  const keys = await generateDeviceKeys();
  const credential = await issueCredential(server, {
    accountId,
    deviceId,
    signaturePublicKey: keys.signaturePublicKey,
  });
  const identity = await createDeviceIdentity(keys, credential, server.publicKey);
  const ctx = createCryptoContext({ serverPublicKey: trusted });
  const keyPackages = await generateKeyPackages(identity, { count: 2 });
  return { ctx, identity, keyPackages };
}

export { generateServerKeyPair };

export function text(id: string, t: string): MessageBody {
  return { id, sentAt: 1_700_000_000_000, content: { type: 'text', text: t } };
}

/** A group with `creator` plus every other device added in one commit; all joined. */
export async function groupOf(creator: Device, ...others: Device[]): Promise<void> {
  creator.group = await createGroup(creator.ctx, creator.identity);
  if (others.length === 0) return;
  const pending = await addMembers(
    creator.ctx,
    creator.group,
    others.map((d) => d.keyPackages[0]!.keyPackage),
  );
  creator.group = pending.confirm();
  for (const d of others) {
    const joined = await joinFromWelcome(d.ctx, d.identity, d.keyPackages, pending.welcome!);
    d.group = joined.group;
    d.keyPackages = [...joined.keyPackages];
  }
}

/** Delivers a message to a device and keeps its latest Group. */
export async function deliver(
  d: Device,
  message: { ciphertext: Uint8Array; frankTag?: Uint8Array },
): Promise<IncomingResult> {
  const result = await processIncoming(d.ctx, d.group!, message);
  d.group = result.group;
  return result;
}

export async function expectCode(
  p: Promise<unknown> | (() => unknown),
  code: CryptoErrorCode,
): Promise<void> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    if (!isCryptoError(err)) throw err;
    expect(err.code).toBe(code);
    return;
  }
  expect.fail(`expected CryptoError ${code}`);
}

export function flip(bytes: Uint8Array, index: number): Uint8Array {
  const out = bytes.slice();
  const i = index < 0 ? out.length + index : index;
  out[i] = (out[i] ?? 0) ^ 0x01;
  return out;
}
