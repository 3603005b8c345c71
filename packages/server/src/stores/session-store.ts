import type { Insertable, Selectable } from 'kysely';
import type { DbExecutor } from '../db/database.js';
import type { DeviceTable, SessionTable } from '../db/schema.js';
import { reusableQuery } from '../db/reusable-query.js';

export type SessionRow = Selectable<SessionTable>;
export type SessionWithDevice = SessionRow & { device: Selectable<DeviceTable> };

/** Every authenticated request and socket runs it: compiled once. */
const byTokenHash = reusableQuery((db, tokenHash: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .select([
      'sessions.id as sessionId',
      'sessions.account_id as accountId',
      'sessions.device_id as deviceId',
      'sessions.expires_at as expiresAt',
      'sessions.last_used_at as lastUsedAt',
      'accounts.kind as kind',
      'accounts.status as status',
    ])
    .where('sessions.token_hash', '=', tokenHash),
);

export class SessionStore {
  constructor(private readonly db: DbExecutor) {}

  async insert(row: Insertable<SessionTable>): Promise<void> {
    await this.db.insertInto('sessions').values(row).execute();
  }

  async byTokenHash(tokenHash: string) {
    return (await byTokenHash(this.db, tokenHash))[0];
  }

  async touch(sessionId: string, now: number): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_used_at: now })
      .where('id', '=', sessionId)
      .execute();
  }

  async listForAccount(accountId: string): Promise<SessionWithDevice[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .innerJoin('devices', 'devices.id', 'sessions.device_id')
      .selectAll('sessions')
      .select([
        'devices.os',
        'devices.model',
        'devices.app_version',
        'devices.language',
        'devices.timezone',
        'devices.perm_camera',
        'devices.perm_microphone',
        'devices.perm_photos',
        'devices.last_ip',
        'devices.created_at as device_created_at',
        'devices.last_seen_at',
      ])
      .where('sessions.account_id', '=', accountId)
      .orderBy('sessions.created_at')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      token_hash: r.token_hash,
      account_id: r.account_id,
      device_id: r.device_id,
      created_at: r.created_at,
      last_used_at: r.last_used_at,
      expires_at: r.expires_at,
      device: {
        id: r.device_id,
        account_id: r.account_id,
        os: r.os,
        model: r.model,
        app_version: r.app_version,
        language: r.language,
        timezone: r.timezone,
        perm_camera: r.perm_camera,
        perm_microphone: r.perm_microphone,
        perm_photos: r.perm_photos,
        last_ip: r.last_ip,
        created_at: r.device_created_at,
        last_seen_at: r.last_seen_at,
      },
    }));
  }

  /** Sessions past their expiry, oldest first. */
  async expired(now: number, limit: number) {
    return this.db
      .selectFrom('sessions')
      .select(['id', 'account_id'])
      .where('expires_at', '<=', now)
      .orderBy('expires_at')
      .limit(limit)
      .execute();
  }

  async byId(sessionId: string): Promise<SessionRow | undefined> {
    return this.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', sessionId)
      .executeTakeFirst();
  }

  async delete(sessionId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
  }
}
