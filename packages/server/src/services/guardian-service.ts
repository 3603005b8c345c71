import { ErrorCode } from '@kidtalk/protocol';
import type { Clock } from '../clock.js';
import { DAY } from '../clock.js';
import type { Database, DbExecutor } from '../db/database.js';
import { DomainError, notFound } from '../errors.js';
import { newId } from '../security/tokens.js';
import type { SmsProvider } from '../sms/sms-provider.js';
import { AccountStore } from '../stores/account-store.js';
import { GuardianInviteStore } from '../stores/guardian-invite-store.js';
import { GuardianshipStore } from '../stores/guardianship-store.js';
import type { AuthContext } from './auth-context.js';
import type { NotificationService } from './notification-service.js';

export const INVITE_TTL_MS = 7 * DAY;

// Names stay out of the SMS: the number may not be the person the guardian meant.
const INVITE_TEXT =
  '【KidTalk】有家长邀请您共同管理孩子的 KidTalk 帐号。请用本号码登录 KidTalk 查看。Someone invited you to help manage a child’s KidTalk account. Sign in to KidTalk with this number to respond.';

export class GuardianService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly sms: SmsProvider,
    private readonly notifications: NotificationService,
  ) {}

  async invite(auth: AuthContext, childId: string, phone: string) {
    const now = this.clock.now();
    const id = newId();
    const expiresAt = now + INVITE_TTL_MS;
    await this.db.transaction(async (tx) => {
      const me = await new AccountStore(tx).byId(auth.accountId);
      if (me?.phone_e164 === phone)
        throw new DomainError(ErrorCode.Conflict, 'you are already a guardian');
      await new GuardianInviteStore(tx).insert({
        id,
        child_id: childId,
        inviter_id: auth.accountId,
        phone_e164: phone,
        expires_at: expiresAt,
        accepted_at: null,
        created_at: now,
      });
      await this.notifications.notifyGuardians(tx, childId, 'guardian.invited');
    });
    await this.sms.send(phone, INVITE_TEXT);
    return { id, expiresAt };
  }

  async openInvites(auth: AuthContext) {
    const me = await new AccountStore(this.db.db).byId(auth.accountId);
    if (auth.kind !== 'adult' || !me?.phone_e164) return [];
    return new GuardianInviteStore(this.db.db).openForPhone(me.phone_e164, this.clock.now());
  }

  /** Only the holder of the invited, SMS-verified number can accept. */
  async accept(auth: AuthContext, inviteId: string): Promise<string> {
    return this.db.transaction(async (tx) => {
      const invites = new GuardianInviteStore(tx);
      const now = this.clock.now();
      const { invite, me } = await this.openInviteFor(tx, auth, inviteId, now);
      const guardianships = new GuardianshipStore(tx);
      if (await guardianships.isGuardian(auth.accountId, invite.child_id)) {
        throw new DomainError(ErrorCode.Conflict, 'you are already a guardian of this child');
      }
      if (!(await invites.accept(invite.id, now))) throw notFound('invite');
      await guardianships.add(invite.child_id, auth.accountId, 'co', now);
      await this.notifications.notifyGuardians(tx, invite.child_id, 'guardian.joined', {
        displayName: me.display_name,
      });
      return invite.child_id;
    });
  }

  /**
   * Only the invitee can refuse, with the same weight as accepting. The invitation is deleted
   * (its phone number with it) and the inviting guardian is told, without the invitee's name:
   * a refusal should not need explaining.
   */
  async refuse(auth: AuthContext, inviteId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { invite } = await this.openInviteFor(tx, auth, inviteId, this.clock.now());
      if (!(await new GuardianInviteStore(tx).deleteOpen(invite.id))) throw notFound('invite');
      // An inviter who no longer looks after the child hears nothing more about them.
      if (await new GuardianshipStore(tx).isGuardian(invite.inviter_id, invite.child_id)) {
        await this.notifications.notifyGuardian(
          tx,
          invite.inviter_id,
          invite.child_id,
          'guardian.invite_refused',
        );
      }
    });
  }

  /** An open invitation addressed to the caller's verified number; anything else is NOT_FOUND. */
  private async openInviteFor(tx: DbExecutor, auth: AuthContext, inviteId: string, now: number) {
    const invite = await new GuardianInviteStore(tx).byId(inviteId);
    const me = await new AccountStore(tx).byId(auth.accountId);
    if (
      !invite ||
      auth.kind !== 'adult' ||
      !me?.phone_e164 ||
      invite.phone_e164 !== me.phone_e164 ||
      invite.expires_at <= now ||
      invite.accepted_at !== null
    ) {
      throw notFound('invite');
    }
    return { invite, me };
  }

  async list(childId: string) {
    return new GuardianshipStore(this.db.db).guardiansOf(childId);
  }
}
