import type { AnyProfile } from '@kidtalk/protocol';
import type { Clock } from '../clock.js';
import { MINUTE } from '../clock.js';
import type { Database } from '../db/database.js';
import { notFound } from '../errors.js';
import type { AccountRow } from '../stores/account-store.js';
import { AccountStore } from '../stores/account-store.js';
import { ContactStore } from '../stores/contact-store.js';
import { GuardianshipStore } from '../stores/guardianship-store.js';
import { ParentalPinStore } from '../stores/parental-pin-store.js';
import type { AuthContext } from './auth-context.js';
import { serializeProfile } from './profile-serializer.js';

const ONLINE_WINDOW_MS = 5 * MINUTE;

export type Relation = 'self' | 'guardian' | 'contact' | 'none';

export class ProfileService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async relation(viewer: AuthContext, target: AccountRow): Promise<Relation> {
    if (viewer.accountId === target.id) return 'self';
    if (
      target.kind === 'child' &&
      viewer.kind === 'adult' &&
      (await new GuardianshipStore(this.db.db).isGuardian(viewer.accountId, target.id))
    ) {
      return 'guardian';
    }
    if (await new ContactStore(this.db.db).areApprovedContacts(viewer.accountId, target.id)) {
      return 'contact';
    }
    return 'none';
  }

  /** Strangers get "not found", the same as for an ID nobody has. */
  async view(viewer: AuthContext, target: AccountRow | undefined): Promise<AnyProfile> {
    if (!target || target.status !== 'active') throw notFound('account');
    const rel = await this.relation(viewer, target);
    switch (rel) {
      case 'self':
        return serializeProfile.self(target);
      case 'guardian':
        return serializeProfile.guardian(target, await this.hasPin(target.id));
      case 'contact':
        return serializeProfile.contact(target, await this.isOnline(target.id));
      case 'none':
        throw notFound('account');
    }
  }

  async byPublicId(viewer: AuthContext, publicId: string): Promise<AnyProfile> {
    return this.view(viewer, await new AccountStore(this.db.db).byPublicId(publicId));
  }

  async hasPin(childId: string): Promise<boolean> {
    return (await new ParentalPinStore(this.db.db).get(childId)) !== undefined;
  }

  /** Until the realtime gateway tracks sockets, "online" means a session used very recently. */
  /** Set by the realtime gateway: connected sockets are the real online status. */
  presence: ((accountId: string) => Promise<boolean>) | null = null;

  async isOnline(accountId: string): Promise<boolean> {
    if (this.presence) return this.presence(accountId);
    const row = await this.db.db
      .selectFrom('sessions')
      .select('id')
      .where('account_id', '=', accountId)
      .where('last_used_at', '>', this.clock.now() - ONLINE_WINDOW_MS)
      .executeTakeFirst();
    return row !== undefined;
  }
}
