import { ErrorCode } from '@kidtalk/protocol';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Clock } from '../clock.js';
import type { Database, DbExecutor } from '../db/database.js';
import { DomainError, notFound } from '../errors.js';
import { newId } from '../security/tokens.js';
import { AccountStore } from '../stores/account-store.js';
import { ConsentStore } from '../stores/consent-store.js';
import { ConversationStore } from '../stores/conversation-store.js';
import { DeviceStore } from '../stores/device-store.js';
import { GuardianshipStore } from '../stores/guardianship-store.js';
import { NotificationStore } from '../stores/notification-store.js';
import { NotificationService } from './notification-service.js';
import { SupportRequestStore } from '../stores/report-store.js';
import type { ConversationService } from './conversation-service.js';
import type { PlannedProposals, ServerRemovals } from './server-removals.js';
import type { SessionService } from './session-service.js';

/**
 * Deletes an account and everything personal about it (P23, P24), in one transaction:
 * - conversations: a direct one ends, a group loses the account, and the server proposes the
 *   MLS removal of its leaves to the members who stay (as ConversationService does);
 * - rows that cascade from the account (devices, sessions, contacts, blocks, requests,
 *   interaction counts, memberships, notifications, PIN, consents, KeyPackages, blob rows);
 *   a guardian's consents about a child who stays are first copied, without anything about
 *   the guardian, to consent_evidence, which goes with the child (docs/data-inventory.json);
 * - rows that do not: sent_messages (no foreign key, by design of the relay's dedupe table),
 *   the account's undelivered application messages in others' mailboxes, support requests;
 * - after commit: blob files, open sockets (each device is treated as revoked) and the relay's
 *   route caches. Reports stay for their own retention (docs/data-inventory.json, P27, P29).
 * An open legal hold refuses the deletion (P22); an adult who is a child's only guardian must
 * first delete the child or have another guardian join.
 */
export class AccountDeletionService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly blobs: BlobStore,
    private readonly conversations: ConversationService,
    private readonly removals: ServerRemovals,
    private readonly sessions: SessionService,
  ) {}

  async delete(accountId: string): Promise<void> {
    const pg = this.db.dialect === 'pg';
    const done = await this.db.transaction(async (tx) => {
      const account = await new AccountStore(tx).byId(accountId);
      if (!account) throw notFound('account');
      await assertNoHold(tx, accountId);
      if (account.kind === 'adult') await assertNotSoleGuardian(tx, accountId);
      const guardianships = new GuardianshipStore(tx);
      const guardians = account.kind === 'child' ? await guardianships.guardiansOf(accountId) : [];
      // An adult may leave only children who keep another guardian; those are told.
      const children = account.kind === 'adult' ? await guardianships.childrenOf(accountId) : [];

      const convs = new ConversationStore(tx);
      const planned: PlannedProposals[] = [];
      for (const id of (await convs.listFor(accountId)).map((c) => c.id).sort()) {
        const conv = await convs.lock(id, pg);
        if (conv) planned.push(await this.conversations.removeLocked(tx, conv, accountId));
      }
      const devices = (await new DeviceStore(tx).devicesOf([accountId])).map((d) => d.id);
      if (devices.length > 0) {
        await tx.deleteFrom('sent_messages').where('sender_device_id', 'in', devices).execute();
      }
      // What the account sent and nobody fetched yet. Commits and welcomes stay: the other
      // members' MLS state depends on them, and they carry no content.
      await tx
        .deleteFrom('mailbox_entries')
        .where('sender_id', '=', accountId)
        .where('kind', '=', 'app')
        .execute();
      const blobIds = (
        await tx.selectFrom('blobs').select('id').where('owner_id', '=', accountId).execute()
      ).map((b) => b.id);
      await new SupportRequestStore(tx).deleteForAccount(accountId);
      const now = this.clock.now();
      if (account.kind === 'adult') await new ConsentStore(tx).keepEvidenceOf(accountId, now);
      await tx.deleteFrom('accounts').where('id', '=', accountId).execute();
      // Sign-in codes are keyed by phone number, with or without an account; the number's go
      // with it now rather than at the retention job's next pass.
      if (account.phone_e164)
        await tx
          .deleteFrom('otp_challenges')
          .where('phone_e164', '=', account.phone_e164)
          .execute();
      const notices = new NotificationService(this.clock);
      for (const c of children) await notices.notifyGuardians(tx, c.id, 'guardian.left');
      // The child's notices cascade with it, so every guardian, the one who deleted it too, gets
      // one that outlives it. It cannot point at the child any more, so it carries only what a
      // notice may: the child's name and public ID, nothing of the account's content.
      await new NotificationStore(tx).insertMany(
        guardians.map((g) => ({
          id: newId(),
          account_id: g.id,
          kind: 'account.deleted',
          child_id: null,
          data: JSON.stringify({
            publicId: account.public_id,
            displayName: account.display_name,
          }),
          created_at: now,
          read_at: null,
        })),
      );
      return { devices, planned, blobIds };
    });
    for (const d of done.devices) this.sessions.onRevoked?.(d);
    this.conversations.onMembershipChanged?.();
    for (const p of done.planned) await this.removals.send(p);
    for (const id of done.blobIds) await this.blobs.delete(id);
  }
}

async function assertNoHold(tx: DbExecutor, accountId: string): Promise<void> {
  const hold = await tx
    .selectFrom('legal_holds')
    .select('id')
    .where('account_id', '=', accountId)
    .where('released_at', 'is', null)
    .executeTakeFirst();
  if (hold) {
    throw new DomainError(ErrorCode.LegalHold, 'a legal hold suspends deleting this account');
  }
}

async function assertNotSoleGuardian(tx: DbExecutor, adultId: string): Promise<void> {
  const sole = await tx
    .selectFrom('guardianships as mine')
    .innerJoin('guardianships as all', 'all.child_id', 'mine.child_id')
    .select('mine.child_id')
    .where('mine.guardian_id', '=', adultId)
    .groupBy('mine.child_id')
    .having((eb) => eb.fn.countAll(), '=', 1)
    .executeTakeFirst();
  if (sole) {
    throw new DomainError(
      ErrorCode.SoleGuardian,
      'the only guardian of a child must delete the child or add another guardian first',
    );
  }
}
