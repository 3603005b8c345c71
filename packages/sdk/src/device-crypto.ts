import type { CryptoContext, DeviceIdentity, Group, KeyPackageSecret } from '@kidtalk/crypto';
import {
  createCryptoContext,
  createDeviceIdentity,
  exportGroupState,
  forgetGroup,
  generateDeviceKeys,
  generateKeyPackages,
  importGroupState,
  openIdentity,
  openKeyPackages,
  sealIdentity,
  sealKeyPackages,
} from '@kidtalk/crypto';
import { fromB64, toB64 } from './encoding.js';
import type { HttpClient } from './http-client.js';
import { KeyedMutex } from './keyed-mutex.js';
import type { ClientStore, StoreOp } from './store/client-store.js';
import { del, set } from './store/client-store.js';

const K = {
  identity: 'crypto:identity',
  serverKey: 'crypto:server-key',
  keyPackages: 'crypto:key-packages',
  group: (conv: string) => `group:${conv}`,
};

/** How many single-use KeyPackages a device keeps in the server's directory. */
export const KEY_PACKAGE_TARGET = 30;

/**
 * This device's MLS side: identity, KeyPackage secrets and every group's state. All of it is
 * sealed with the store's storage key before it is written.
 */
export class DeviceCrypto {
  readonly groups = new Map<string, Group>();
  readonly mutex = new KeyedMutex();
  private keyPackages: KeyPackageSecret[] = [];

  private constructor(
    readonly ctx: CryptoContext,
    readonly identity: DeviceIdentity,
    private readonly store: ClientStore,
    private readonly key: CryptoKey,
    private readonly nowMs: () => number,
  ) {}

  /** Loads this device's identity, or makes one: device keys, then a server-signed credential. */
  static async load(
    store: ClientStore,
    http: HttpClient,
    nowMs: () => number,
  ): Promise<{ crypto: DeviceCrypto; fresh: boolean }> {
    const key = await store.storageKey();
    let serverKeyB64 = await store.get<string>(K.serverKey);
    const sealed = await store.get<string>(K.identity);
    let identity: DeviceIdentity;
    let fresh = false;
    if (sealed && serverKeyB64) {
      identity = await openIdentity(fromB64(sealed), key);
    } else {
      // Pinned on first use; every member's credential is checked against it from then on.
      serverKeyB64 = (
        await http.json<{ publicKey: string }>({
          method: 'GET',
          path: '/v1/credentials/server-key',
          anonymous: true,
        })
      ).publicKey;
      const keys = await generateDeviceKeys();
      const cred = await http.json<{ credential: string }>({
        method: 'POST',
        path: '/v1/credentials',
        body: { signaturePublicKey: toB64(keys.signaturePublicKey) },
      });
      identity = await createDeviceIdentity(keys, fromB64(cred.credential), fromB64(serverKeyB64));
      await store.write([
        set(K.serverKey, serverKeyB64),
        set(K.identity, toB64(await sealIdentity(identity, key))),
      ]);
      fresh = true;
    }
    const ctx = createCryptoContext({
      serverPublicKey: fromB64(serverKeyB64),
      now: () => Math.floor(nowMs() / 1000),
    });
    const crypto = new DeviceCrypto(ctx, identity, store, key, nowMs);
    const kp = await store.get<string>(K.keyPackages);
    if (kp) crypto.keyPackages = await openKeyPackages(fromB64(kp), key);
    return { crypto, fresh };
  }

  get secrets(): readonly KeyPackageSecret[] {
    return this.keyPackages;
  }

  /**
   * Tops the directory up to `target` single-use packages (plus a last-resort one the first
   * time). Secrets are stored before the upload, so a Welcome for them can always be opened.
   */
  async replenish(http: HttpClient, remaining: number, target = KEY_PACKAGE_TARGET) {
    const now = Math.floor(this.nowMs() / 1000);
    const missing = Math.max(0, target - remaining);
    const hasLast = this.keyPackages.some((k) => k.lastResort && k.notAfter > now + 86_400);
    if (missing === 0 && hasLast) return remaining;
    const fresh =
      missing > 0 ? await generateKeyPackages(this.identity, { count: missing, now }) : [];
    const last = hasLast ? [] : await generateKeyPackages(this.identity, { lastResort: true, now });
    // Expired secrets can never be used again; drop them so the sealed blob stays small.
    const kept = this.keyPackages.filter((k) => k.notAfter > now);
    await this.saveKeyPackages([...kept, ...fresh, ...last]);
    const res = await http.json<{ remaining: number }>({
      method: 'POST',
      path: '/v1/key-packages',
      body: {
        keyPackages: fresh.map((k) => toB64(k.keyPackage)),
        ...(last[0] && { lastResort: toB64(last[0].keyPackage) }),
      },
    });
    return res.remaining;
  }

  async saveKeyPackages(secrets: readonly KeyPackageSecret[]): Promise<void> {
    this.keyPackages = [...secrets];
    await this.store.write([set(K.keyPackages, toB64(await sealKeyPackages(secrets, this.key)))]);
  }

  /**
   * Writes this session's MLS state. The store is the lease this identity was loaded with, so
   * work that finishes after a wipe writes nothing (see StoreFence).
   */
  write(ops: readonly StoreOp[]): Promise<void> {
    return this.store.write(ops);
  }

  /** Ops that store the KeyPackage secrets, for a write that must be atomic with a join. */
  async keyPackageOps(secrets: readonly KeyPackageSecret[]): Promise<StoreOp[]> {
    this.keyPackages = [...secrets];
    return [set(K.keyPackages, toB64(await sealKeyPackages(secrets, this.key)))];
  }

  async group(conv: string): Promise<Group | undefined> {
    const cached = this.groups.get(conv);
    if (cached) return cached;
    const sealed = await this.store.get<string>(K.group(conv));
    if (!sealed) return undefined;
    const group = await importGroupState(this.ctx, fromB64(sealed), this.key);
    this.groups.set(conv, group);
    return group;
  }

  /** Records the new head in memory and returns the op that persists it. */
  async groupOp(conv: string, group: Group): Promise<StoreOp> {
    this.groups.set(conv, group);
    return set(K.group(conv), toB64(await exportGroupState(group, this.key)));
  }

  dropGroupOp(conv: string): StoreOp {
    const g = this.groups.get(conv);
    if (g) forgetGroup(this.ctx, g.groupId);
    this.groups.delete(conv);
    return del(K.group(conv));
  }

  async hasGroup(conv: string): Promise<boolean> {
    return (await this.group(conv)) !== undefined;
  }
}
