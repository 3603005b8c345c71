import type { DeviceInfo } from '@kidtalk/protocol';
import { ErrorCode } from '@kidtalk/protocol';
import type { Clock } from '../clock.js';
import { DAY, MINUTE } from '../clock.js';
import type { Database, DbExecutor } from '../db/database.js';
import { DomainError, notFound, unauthenticated } from '../errors.js';
import { keyedHash, newId, newToken } from '../security/tokens.js';
import { DeviceStore } from '../stores/device-store.js';
import { SessionStore } from '../stores/session-store.js';
import type { AuthContext } from './auth-context.js';
import type { PlannedProposals, ServerRemovals } from './server-removals.js';

export const SESSION_TTL_MS = 180 * DAY;
// Writing last_used_at on every request would turn every read into a write.
const TOUCH_EVERY_MS = 5 * MINUTE;

export class SessionService {
  /** Told after a session is revoked, so the device's open socket can be closed at once. */
  onRevoked: ((deviceId: string) => void) | null = null;
  /** Told after a device of this account appeared (by the caller, once its transaction committed). */
  onDevicesChanged: ((accountId: string) => void) | null = null;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly tokenKey: Buffer,
    /** Null only for tools that open sessions and never revoke one (bench seeding). */
    private readonly removals: ServerRemovals | null = null,
  ) {}

  /** A session is always bound to a device record; the token is returned once, never stored. */
  async open(
    tx: DbExecutor,
    accountId: string,
    device: DeviceInfo,
    ip: string | null,
  ): Promise<{ token: string; sessionId: string; deviceId: string }> {
    const now = this.clock.now();
    const deviceId = newId();
    await new DeviceStore(tx).insert({
      id: deviceId,
      account_id: accountId,
      ...deviceColumns(device),
      last_ip: ip,
      created_at: now,
      last_seen_at: now,
    });
    const token = newToken();
    const sessionId = newId();
    await new SessionStore(tx).insert({
      id: sessionId,
      token_hash: keyedHash(this.tokenKey, token),
      account_id: accountId,
      device_id: deviceId,
      created_at: now,
      last_used_at: now,
      expires_at: now + SESSION_TTL_MS,
    });
    return { token, sessionId, deviceId };
  }

  async authenticate(token: string): Promise<AuthContext> {
    const store = new SessionStore(this.db.db);
    const row = await store.byTokenHash(keyedHash(this.tokenKey, token));
    const now = this.clock.now();
    if (!row || row.expiresAt <= now || row.status !== 'active') throw unauthenticated();
    if (now - row.lastUsedAt > TOUCH_EVERY_MS) await store.touch(row.sessionId, now);
    return {
      accountId: row.accountId,
      kind: row.kind,
      sessionId: row.sessionId,
      deviceId: row.deviceId,
    };
  }

  async list(accountId: string) {
    return new SessionStore(this.db.db).listForAccount(accountId);
  }

  /**
   * Revoking a session also forgets its device record: nothing is kept for a gone device (its
   * undelivered entries and KeyPackages go with the row). Its MLS leaves are taken out of every
   * conversation by server Remove proposals to the members' other devices, sent once this has
   * committed; until a member commits them, DeliveryService refuses commits that keep the leaf.
   */
  async revoke(accountId: string, sessionId: string): Promise<void> {
    const { deviceId, planned } = await this.db.transaction(async (tx) => {
      const store = new SessionStore(tx);
      const row = await store.byId(sessionId);
      if (!row || row.account_id !== accountId) throw notFound('session');
      const planned: PlannedProposals[] =
        (await this.removals?.planDevice(tx, accountId, row.device_id, this.db.dialect === 'pg')) ??
        [];
      await new DeviceStore(tx).delete(row.device_id);
      return { deviceId: row.device_id, planned };
    });
    this.onRevoked?.(deviceId);
    for (const p of planned) await this.removals?.send(p);
  }

  /**
   * Ends expired sessions the way a sign-out does, so their devices also leave their MLS
   * groups (a leaf of a deleted device makes every later commit to the group fail).
   */
  async expireDue(now: number, limit = 500): Promise<number> {
    const due = await new SessionStore(this.db.db).expired(now, limit);
    let n = 0;
    for (const s of due) {
      try {
        await this.revoke(s.account_id, s.id);
        n++;
      } catch (err) {
        // Signed out meanwhile: nothing left to expire.
        if (!(err instanceof DomainError && err.code === ErrorCode.NotFound)) throw err;
      }
    }
    return n;
  }

  async updateDevice(auth: AuthContext, device: DeviceInfo, ip: string | null): Promise<void> {
    await new DeviceStore(this.db.db).update(auth.deviceId, {
      ...deviceColumns(device),
      last_ip: ip,
      last_seen_at: this.clock.now(),
    });
  }
}

function deviceColumns(d: DeviceInfo) {
  return {
    os: d.os,
    model: d.model,
    app_version: d.appVersion,
    language: d.language,
    timezone: d.timezone,
    perm_camera: d.permissions.camera,
    perm_microphone: d.permissions.microphone,
    perm_photos: d.permissions.photos,
  };
}
