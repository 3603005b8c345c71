import type { CryptoContext, DeviceIdentity, Group, KeyPackageSecret } from '@kidtalk/crypto';
import {
  createCryptoContext,
  createDeviceIdentity,
  generateDeviceKeys,
  generateKeyPackages,
} from '@kidtalk/crypto';
import { expect } from 'vitest';
import { allocatePublicId } from '../../src/services/public-id.js';
import { ContactStore } from '../../src/stores/contact-store.js';
import type { Harness } from './harness.js';
import { TEST_DEVICE } from './harness.js';

/*
 * Accounts are seeded straight into the database (a sign-up per account would make the
 * randomized suites slow); every session is a real one, so requests go through `authenticate`.
 */

export interface Seeded {
  accountId: string;
  publicId: string;
  kind: 'adult' | 'child';
  token: string;
  deviceId: string;
}

let seq = 0;

export async function seedAccount(h: Harness, kind: 'adult' | 'child' = 'adult'): Promise<Seeded> {
  const db = h.ctx.db.db;
  const now = h.clock.now();
  const accountId = `acct${++seq}x${Math.random().toString(36).slice(2, 10)}`;
  const publicId = await allocatePublicId(db);
  await db
    .insertInto('accounts')
    .values({
      id: accountId,
      kind,
      public_id: publicId,
      display_name: `${kind} ${seq}`,
      avatar_builtin: 'panda',
      avatar_blob_id: null,
      phone_e164: null,
      country: null,
      gender: null,
      birthday: null,
      self_friending: 0,
      status: 'active',
      created_at: now,
      updated_at: now,
    })
    .execute();
  const session = await h.ctx.sessions.open(db, accountId, TEST_DEVICE, null);
  return { accountId, publicId, kind, token: session.token, deviceId: session.deviceId };
}

/** Another signed-in device (session) of the same account. */
export async function addDevice(h: Harness, who: Seeded): Promise<Seeded> {
  const session = await h.ctx.sessions.open(h.ctx.db.db, who.accountId, TEST_DEVICE, null);
  return { ...who, token: session.token, deviceId: session.deviceId };
}

export async function approve(h: Harness, a: Seeded, b: Seeded): Promise<void> {
  await new ContactStore(h.ctx.db.db).addApprovedPair(a.accountId, b.accountId, h.clock.now());
}

export async function block(h: Harness, blocker: Seeded, blocked: Seeded): Promise<void> {
  await h.ctx.db.db
    .insertInto('blocks')
    .values({ blocker_id: blocker.accountId, blocked_id: blocked.accountId, created_at: 0 })
    .execute();
}

export const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
export const unb64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64url'));

/** One device's MLS side: keys, a credential the server signed, and its crypto context. */
export interface MlsDevice {
  who: Seeded;
  identity: DeviceIdentity;
  crypto: CryptoContext;
  /** Every KeyPackage secret this device generated, for joinFromWelcome. */
  secrets: KeyPackageSecret[];
  group?: Group;
}

export async function mlsDevice(h: Harness, who: Seeded): Promise<MlsDevice> {
  const keyRes = await h.request({ method: 'GET', url: '/v1/credentials/server-key' });
  expect(keyRes.statusCode, keyRes.body).toBe(200);
  const serverPublicKey = unb64(keyRes.json().publicKey);
  const keys = await generateDeviceKeys();
  const cred = await h.request({
    method: 'POST',
    url: '/v1/credentials',
    token: who.token,
    body: { signaturePublicKey: b64(keys.signaturePublicKey) },
  });
  expect(cred.statusCode, cred.body).toBe(201);
  const identity = await createDeviceIdentity(keys, unb64(cred.json().credential), serverPublicKey);
  const now = Math.floor(h.clock.now() / 1000);
  return {
    who,
    identity,
    crypto: createCryptoContext({ serverPublicKey, now: () => now }),
    secrets: [],
  };
}

/** Generates and uploads single-use packages (and optionally a last-resort one). */
export async function uploadKeyPackages(
  h: Harness,
  dev: MlsDevice,
  count: number,
  lastResort = false,
): Promise<KeyPackageSecret[]> {
  const now = Math.floor(h.clock.now() / 1000);
  const fresh = await generateKeyPackages(dev.identity, { count, now });
  const last = lastResort ? await generateKeyPackages(dev.identity, { lastResort: true, now }) : [];
  dev.secrets.push(...fresh, ...last);
  const res = await h.request({
    method: 'POST',
    url: '/v1/key-packages',
    token: dev.who.token,
    body: {
      keyPackages: fresh.map((k) => b64(k.keyPackage)),
      ...(last[0] && { lastResort: b64(last[0].keyPackage) }),
    },
  });
  expect(res.statusCode, res.body).toBe(200);
  return [...fresh, ...last];
}

export interface Entry {
  seq: number;
  kind: string;
  sender_id: string;
  epoch: number;
  body: string;
}

/** What waits in one device's mailbox for a conversation, oldest first. */
export async function mailboxOf(h: Harness, deviceId: string, conversationId: string) {
  return (await h.ctx.db.db
    .selectFrom('mailbox_entries')
    .select(['seq', 'kind', 'sender_id', 'epoch', 'body'])
    .where('device_id', '=', deviceId)
    .where('conversation_id', '=', conversationId)
    .orderBy('seq')
    .execute()) as Entry[];
}

export async function createConversation(
  h: Harness,
  creator: Pick<Seeded, 'token'>,
  members: Pick<Seeded, 'publicId'>[],
  kind: 'direct' | 'group' = 'group',
) {
  return h.request({
    method: 'POST',
    url: '/v1/conversations',
    token: creator.token,
    body: { kind, members: members.map((m) => m.publicId) },
  });
}

export async function claim(h: Harness, who: Seeded, accounts: Seeded[]) {
  const res = await h.request({
    method: 'POST',
    url: '/v1/key-packages/claim',
    token: who.token,
    body: { accountIds: accounts.map((a) => a.accountId) },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().keyPackages as { accountId: string; deviceId: string; keyPackage: string }[];
}

export async function postCommit(
  h: Harness,
  who: Seeded,
  conversationId: string,
  pending: { fromEpoch: bigint; commit: Uint8Array; welcome?: Uint8Array; groupInfo: Uint8Array },
) {
  return h.request({
    method: 'POST',
    url: `/v1/conversations/${conversationId}/commits`,
    token: who.token,
    body: {
      epoch: Number(pending.fromEpoch),
      commit: b64(pending.commit),
      groupInfo: b64(pending.groupInfo),
      ...(pending.welcome && { welcome: b64(pending.welcome) }),
    },
  });
}
