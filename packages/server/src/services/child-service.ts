import type { CreateChildBody, UpdateChildBody } from '@kidtalk/protocol';
import { ErrorCode } from '@kidtalk/protocol';
import type { Clock } from '../clock.js';
import { HOUR } from '../clock.js';
import type { Database } from '../db/database.js';
import { DomainError, notFound } from '../errors.js';
import { newId } from '../security/tokens.js';
import { AccountStore } from '../stores/account-store.js';
import { ConsentStore } from '../stores/consent-store.js';
import { GuardianshipStore } from '../stores/guardianship-store.js';
import type { AuthContext } from './auth-context.js';
import type { NotificationService } from './notification-service.js';
import type { PinService } from './pin-service.js';
import { serializeProfile } from './profile-serializer.js';
import type { ProfileService } from './profile-service.js';
import { allocatePublicId } from './public-id.js';
import { assertBirthday } from './birthday.js';

/** A consent given now covers a child created soon after, not one created next month. */
const CONSENT_FRESH_MS = HOUR;

export class ChildService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly pins: PinService,
    private readonly profiles: ProfileService,
    private readonly notifications: NotificationService,
    private readonly policyVersion: string,
  ) {}

  /**
   * Consent first (COPPA-style): the guardian's consent record for the current policy must
   * already exist, and it is spent in the same transaction that writes the child's data.
   */
  async create(auth: AuthContext, body: CreateChildBody) {
    if (auth.kind !== 'adult')
      throw new DomainError(ErrorCode.Forbidden, 'only a guardian can add a child');
    const now = this.clock.now();
    assertBirthday(body.birthday, now);
    const pinHash = await this.pins.hash(body.pin);
    const id = newId();
    await this.db.transaction(async (tx) => {
      const consents = new ConsentStore(tx);
      const consent = await consents.byId(body.consentId);
      const usable =
        consent &&
        consent.guardian_id === auth.accountId &&
        consent.purpose === 'child_account' &&
        consent.granted === 1 &&
        consent.used_at === null &&
        consent.policy_version === this.policyVersion &&
        now - consent.created_at <= CONSENT_FRESH_MS;
      if (!usable) {
        throw new DomainError(
          ErrorCode.ConsentRequired,
          'record consent to the current policy before creating a child account',
        );
      }
      await new AccountStore(tx).insert({
        id,
        kind: 'child',
        public_id: await allocatePublicId(tx),
        display_name: body.displayName,
        avatar_builtin: body.avatar.id,
        avatar_blob_id: null,
        phone_e164: null,
        country: body.country ?? null,
        gender: body.gender ?? null,
        birthday: body.birthday ?? null,
        // Most protective default: every friend request needs a guardian (P18).
        self_friending: 0,
        status: 'active',
        created_at: now,
        updated_at: now,
      });
      if (!(await consents.markUsed(consent.id, id, now))) {
        throw new DomainError(ErrorCode.ConsentRequired, 'this consent was already used');
      }
      await new GuardianshipStore(tx).add(id, auth.accountId, 'primary', now);
      await this.pins.set(tx, id, pinHash);
      await this.notifications.notifyGuardians(tx, id, 'child.created');
    });
    return this.get(auth, id);
  }

  async list(auth: AuthContext) {
    if (auth.kind !== 'adult') return [];
    const rows = await new GuardianshipStore(this.db.db).childrenOf(auth.accountId);
    return Promise.all(
      rows.map(async (r) => serializeProfile.guardian(r, await this.profiles.hasPin(r.id))),
    );
  }

  async get(auth: AuthContext, childId: string) {
    const row = await new AccountStore(this.db.db).byId(childId);
    if (!row || row.kind !== 'child') throw notFound('child');
    const view = await this.profiles.view(auth, row);
    if (view.view !== 'guardian') throw notFound('child');
    return view;
  }

  /** Authorization is the caller's job (ParentalAuthorizer); this only corrects data (P24). */
  async update(childId: string, patch: UpdateChildBody) {
    assertBirthday(patch.birthday, this.clock.now());
    await this.db.transaction(async (tx) => {
      await new AccountStore(tx).update(childId, {
        ...(patch.displayName !== undefined && { display_name: patch.displayName }),
        ...(patch.avatar !== undefined && {
          avatar_builtin: patch.avatar.id,
          avatar_blob_id: null,
        }),
        ...(patch.country !== undefined && { country: patch.country }),
        ...(patch.gender !== undefined && { gender: patch.gender }),
        ...(patch.birthday !== undefined && { birthday: patch.birthday }),
        updated_at: this.clock.now(),
      });
      await this.notifications.notifyGuardians(tx, childId, 'profile.updated', {
        fields: Object.keys(patch).sort().join(','),
      });
    });
  }

  async setSelfFriending(childId: string, on: boolean) {
    await this.db.transaction(async (tx) => {
      await new AccountStore(tx).update(childId, {
        self_friending: on ? 1 : 0,
        updated_at: this.clock.now(),
      });
      await this.notifications.notifyGuardians(tx, childId, 'settings.updated', {
        selfFriending: on,
      });
    });
  }
}
