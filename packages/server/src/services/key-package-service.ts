import type { ServerKeyPair } from '@kidtalk/crypto';
import { inspectKeyPackage, isCryptoError, verifyCredential } from '@kidtalk/crypto';
import { KEY_PACKAGE_LOW_WATER } from '@kidtalk/protocol';
import type { Insertable } from 'kysely';
import type { Bus } from '../bus/bus.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { KeyPackageTable } from '../db/schema.js';
import { invalid } from '../errors.js';
import { ConversationStore } from '../stores/conversation-store.js';
import { DeviceStore } from '../stores/device-store.js';
import { KeyPackageStore } from '../stores/key-package-store.js';
import type { AuthContext } from './auth-context.js';
import { deviceTopic } from './mailbox-service.js';
import { PairGraph } from './pair-rules.js';

/** More than any device needs; keeps one device from filling the directory. */
export const MAX_KEY_PACKAGES_PER_DEVICE = 500;

export interface ClaimedPackage {
  accountId: string;
  deviceId: string;
  keyPackage: string;
}

/**
 * The KeyPackage directory (issue 4, delivery service). A package is accepted only if its
 * server-signed credential names the uploading device, and only while it is valid; a
 * single-use package is handed out exactly once, the last-resort one until it is replaced.
 */
export class KeyPackageService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly bus: Bus,
    private readonly serverKey: ServerKeyPair,
  ) {}

  async upload(auth: AuthContext, singleUse: string[], lastResort?: string): Promise<number> {
    const now = this.clock.now();
    const rows: Insertable<KeyPackageTable>[] = [];
    for (const data of singleUse) rows.push(await this.validate(auth, data, false, now));
    const last =
      lastResort === undefined ? undefined : await this.validate(auth, lastResort, true, now);
    await this.db.transaction(async (tx) => {
      const store = new KeyPackageStore(tx, this.db.dialect);
      if (rows.length > 0) {
        if (
          (await store.countSingleUse(auth.deviceId, now)) + rows.length >
          MAX_KEY_PACKAGES_PER_DEVICE
        ) {
          throw invalid(`a device holds at most ${MAX_KEY_PACKAGES_PER_DEVICE} KeyPackages`);
        }
        await store.insert(rows);
      }
      if (last) await store.replaceLastResort(last);
    });
    return this.remaining(auth.deviceId);
  }

  async remaining(deviceId: string): Promise<number> {
    return new KeyPackageStore(this.db.db, this.db.dialect).countSingleUse(
      deviceId,
      this.clock.now(),
    );
  }

  /**
   * One package for each device of each account the caller may talk to (itself, an approved
   * contact, or a co-member with whom the pair rule holds); any other account is simply left
   * out, exactly like one that does not exist. The caller's own device is skipped.
   */
  async claim(auth: AuthContext, accountIds: string[]): Promise<ClaimedPackage[]> {
    const allowed = await this.reachable(auth, accountIds);
    const devices = await new DeviceStore(this.db.db).devicesOf(allowed);
    const store = new KeyPackageStore(this.db.db, this.db.dialect);
    const now = this.clock.now();
    const out: ClaimedPackage[] = [];
    for (const d of devices) {
      if (d.id === auth.deviceId) continue;
      let data = await store.takeSingleUse(d.id, now);
      if (data !== undefined) {
        const left = await store.countSingleUse(d.id, now);
        if (left < KEY_PACKAGE_LOW_WATER) {
          this.bus.publish(deviceTopic(d.id), JSON.stringify({ t: 'kp_low', remaining: left }));
        }
      } else {
        data = await store.lastResort(d.id, now);
        if (data !== undefined) {
          this.bus.publish(deviceTopic(d.id), JSON.stringify({ t: 'kp_low', remaining: 0 }));
        }
      }
      if (data !== undefined)
        out.push({ accountId: d.account_id, deviceId: d.id, keyPackage: data });
    }
    return out;
  }

  private async reachable(auth: AuthContext, accountIds: string[]): Promise<string[]> {
    const targets = await this.db.db
      .selectFrom('accounts')
      .select(['id', 'kind'])
      .where('id', 'in', accountIds)
      .where('status', '=', 'active')
      .execute();
    const graph = await PairGraph.load(this.db.db, [auth.accountId, ...accountIds], false);
    const store = new ConversationStore(this.db.db);
    const out: string[] = [];
    for (const t of targets) {
      if (t.id === auth.accountId || graph.approved(auth.accountId, t.id)) {
        out.push(t.id);
        continue;
      }
      const sharesOne = (await store.shared(auth.accountId, t.id)).length > 0;
      if (sharesOne && graph.mayInvite({ id: auth.accountId, kind: auth.kind }, t)) out.push(t.id);
    }
    return out;
  }

  private async validate(auth: AuthContext, data: string, lastResort: boolean, now: number) {
    const bytes = Buffer.from(data, 'base64url');
    try {
      const info = await inspectKeyPackage(bytes);
      const cred = await verifyCredential(info.credential, this.serverKey.publicKey);
      if (cred.accountId !== auth.accountId || cred.deviceId !== auth.deviceId) {
        throw invalid('a KeyPackage must carry this device’s own credential');
      }
      if (!Buffer.from(cred.signaturePublicKey).equals(Buffer.from(info.signaturePublicKey))) {
        throw invalid('the KeyPackage is not signed with its credential’s key');
      }
      if (info.lastResort !== lastResort) {
        throw invalid(
          lastResort
            ? 'not a last-resort KeyPackage'
            : 'a last-resort KeyPackage goes in lastResort',
        );
      }
      const expiresAt = info.notAfter * 1000;
      if (expiresAt <= now || info.notBefore * 1000 > now + 3_600_000) {
        throw invalid('the KeyPackage is expired or not yet valid');
      }
      return {
        id: info.ref,
        device_id: auth.deviceId,
        account_id: auth.accountId,
        data: bytes.toString('base64url'),
        last_resort: lastResort ? 1 : 0,
        expires_at: expiresAt,
        created_at: now,
      };
    } catch (err) {
      if (isCryptoError(err)) throw invalid(`invalid KeyPackage (${err.code})`);
      throw err;
    }
  }
}
