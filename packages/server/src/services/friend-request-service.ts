import type { FriendRequestView } from '@kidtalk/protocol';
import { ErrorCode } from '@kidtalk/protocol';
import type { Clock } from '../clock.js';
import type { Database, DbExecutor } from '../db/database.js';
import { isUniqueViolation } from '../db/database.js';
import { DomainError, invalid, notFound } from '../errors.js';
import { newId } from '../security/tokens.js';
import type { AccountRow } from '../stores/account-store.js';
import { AccountStore } from '../stores/account-store.js';
import { BlockStore } from '../stores/block-store.js';
import { ContactStore } from '../stores/contact-store.js';
import type { FriendRequestRow } from '../stores/friend-request-store.js';
import { FriendRequestStore } from '../stores/friend-request-store.js';
import type { ContactEvents } from './contact-events.js';
import type { ContactService } from './contact-service.js';
import type { NotificationService } from './notification-service.js';
import { serializeProfile } from './profile-serializer.js';

/** No approval is needed on a side that is an adult, or a child whose guardian allows it. */
const needsNoGuardian = (a: AccountRow) => a.kind === 'adult' || a.self_friending === 1;

/** Racing requests settle in two rounds; the third is for a request decided in between. */
const SEND_ATTEMPTS = 3;

export interface SendResult {
  view: FriendRequestView;
  created: boolean;
}

/**
 * Friend requests (P18, P19, P21). A request becomes a contact when the recipient accepted and
 * each child side's guardian approved. A guardian approving for a child recipient also accepts
 * on the child's behalf: for young children the parents decide (as in Messenger Kids).
 */
export class FriendRequestService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly contacts: ContactService,
    private readonly notifications: NotificationService,
    private readonly events: ContactEvents,
  ) {}

  /**
   * Idempotent: an open request to the same account is returned as is, and a request the
   * other side already sent is accepted instead. Someone who blocked the sender (or whom the
   * sender blocked) answers exactly like an unknown ID.
   */
  async send(senderId: string, publicId: string): Promise<SendResult> {
    const target = await this.contacts.findVisible(senderId, publicId);
    if (target.id === senderId) throw invalid('you cannot send yourself a friend request');
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.sendOnce(senderId, target);
      } catch (err) {
        // A request between the pair was stored (or decided) after we looked, so look again:
        // racing requests get the answer a second one sent a moment later would get.
        const lostRace =
          isUniqueViolation(err) || (err instanceof DomainError && err.code === ErrorCode.NotFound);
        if (!lostRace || attempt >= SEND_ATTEMPTS) throw err;
      }
    }
  }

  private async sendOnce(senderId: string, target: AccountRow): Promise<SendResult> {
    const store = new FriendRequestStore(this.db.db);
    if (await new ContactStore(this.db.db).areApprovedContacts(senderId, target.id)) {
      throw new DomainError(ErrorCode.Conflict, 'already contacts');
    }
    const mine = await store.pendingBetween(senderId, target.id);
    if (mine) return { view: await this.viewFor(senderId, mine), created: false };
    const theirs = await store.pendingBetween(target.id, senderId);
    if (theirs) return { view: await this.accept(senderId, theirs.id), created: false };

    const sender = (await new AccountStore(this.db.db).byId(senderId))!;
    const now = this.clock.now();
    const row: FriendRequestRow = {
      id: newId(),
      from_id: senderId,
      to_id: target.id,
      status: 'pending',
      recipient_accepted: 0,
      from_guardian_approved: needsNoGuardian(sender) ? 1 : 0,
      to_guardian_approved: needsNoGuardian(target) ? 1 : 0,
      created_at: now,
      decided_at: null,
    };
    await this.db.transaction(async (tx) => {
      // Migration 003's unique index refuses a second pending request of the pair, either way.
      // It cannot refuse one racing the approval of the pair's request (that stops being
      // pending), but the insert waits for that approval to commit, so the contact shows here.
      await new FriendRequestStore(tx).insert(row);
      if (await new ContactStore(tx).areApprovedContacts(senderId, target.id)) {
        throw new DomainError(ErrorCode.Conflict, 'already contacts');
      }
      if (!row.from_guardian_approved) await this.notifyPending(tx, row, sender, target);
      if (!row.to_guardian_approved) await this.notifyPending(tx, row, target, sender);
    });
    return { view: this.toView(senderId, row, target), created: true };
  }

  /** My requests, both ways, except those from someone I blocked. */
  async listFor(accountId: string): Promise<FriendRequestView[]> {
    const rows = await new FriendRequestStore(this.db.db).involving(accountId);
    const out: FriendRequestView[] = [];
    for (const r of rows) {
      const view = await this.visibleView(accountId, r);
      if (view) out.push(view);
    }
    return out;
  }

  async accept(accountId: string, id: string): Promise<FriendRequestView> {
    return this.decide(accountId, id, 'to', async (tx) => {
      const me = (await new AccountStore(tx).byId(accountId))!;
      // Self-friending turned on since the request came in counts as it is now.
      return { recipient_accepted: 1, ...(needsNoGuardian(me) && { to_guardian_approved: 1 }) };
    });
  }

  async decline(accountId: string, id: string): Promise<FriendRequestView> {
    return this.decide(accountId, id, 'to', 'declined');
  }

  async cancel(accountId: string, id: string): Promise<FriendRequestView> {
    return this.decide(accountId, id, 'from', 'cancelled');
  }

  /** A guardian (or the PIN on the child's device) approving the child's side. */
  async guardianApprove(childId: string, id: string): Promise<FriendRequestView> {
    return this.decide(childId, id, 'either', async (_tx, r) =>
      r.to_id === childId
        ? { to_guardian_approved: 1, recipient_accepted: 1 }
        : { from_guardian_approved: 1 },
    );
  }

  async guardianDeny(childId: string, id: string): Promise<FriendRequestView> {
    return this.decide(childId, id, 'either', 'declined');
  }

  /**
   * One pending request seen by `accountId`, changed by `change` (flags, or an end state).
   * A request the caller cannot see, or one no longer pending, is "not found".
   */
  private async decide(
    accountId: string,
    id: string,
    side: 'from' | 'to' | 'either',
    change:
      | 'declined'
      | 'cancelled'
      | ((tx: DbExecutor, r: FriendRequestRow) => Promise<Partial<FriendRequestRow>>),
  ): Promise<FriendRequestView> {
    const now = this.clock.now();
    const result = await this.db.transaction(async (tx) => {
      const store = new FriendRequestStore(tx);
      const r = await store.byId(id);
      const onSide =
        r &&
        (side === 'from'
          ? r.from_id === accountId
          : side === 'to'
            ? r.to_id === accountId
            : true) &&
        (r.from_id === accountId || r.to_id === accountId);
      if (!r || !onSide || r.status !== 'pending') throw notFound('friend request');
      const otherId = r.from_id === accountId ? r.to_id : r.from_id;
      if (await new BlockStore(tx).blocks(accountId, otherId)) throw notFound('friend request');

      const patch =
        typeof change === 'string' ? { status: change, decided_at: now } : await change(tx, r);
      if (!(await store.updatePending(id, patch))) throw notFound('friend request');
      const accounts = new AccountStore(tx);
      const other = (await accounts.byId(otherId))!;
      if (change === 'declined') await this.notifyDecided(tx, accountId, other, 'declined', id);
      const next = (await store.byId(id))!;
      const approved = await this.completeIfReady(tx, next, now);
      return { row: approved ?? next, other, approved: approved !== undefined };
    });
    if (result.approved) await this.events.approved(result.row.from_id, result.row.to_id);
    return this.toView(accountId, result.row, result.other);
  }

  /** All three yes, and no block either way: the pair become contacts. */
  private async completeIfReady(tx: DbExecutor, r: FriendRequestRow, now: number) {
    if (!(r.recipient_accepted && r.from_guardian_approved && r.to_guardian_approved)) return;
    if (await new BlockStore(tx).eitherWay(r.from_id, r.to_id)) return;
    if (
      !(await new FriendRequestStore(tx).updatePending(r.id, {
        status: 'approved',
        decided_at: now,
      }))
    )
      return;
    await new ContactStore(tx).addApprovedPair(r.from_id, r.to_id, now);
    const accounts = new AccountStore(tx);
    const from = (await accounts.byId(r.from_id))!;
    const to = (await accounts.byId(r.to_id))!;
    await this.notifyDecided(tx, from.id, to, 'approved', r.id);
    await this.notifyDecided(tx, to.id, from, 'approved', r.id);
    return { ...r, status: 'approved' as const, decided_at: now };
  }

  private async visibleView(accountId: string, r: FriendRequestRow) {
    const otherId = r.from_id === accountId ? r.to_id : r.from_id;
    if (await new BlockStore(this.db.db).blocks(accountId, otherId)) return undefined;
    const other = await new AccountStore(this.db.db).byId(otherId);
    return other ? this.toView(accountId, r, other) : undefined;
  }

  private async viewFor(accountId: string, r: FriendRequestRow) {
    return (await this.visibleView(accountId, r))!;
  }

  /** Only this side's state: the other side's approvals would tell a stranger it is a child. */
  private toView(accountId: string, r: FriendRequestRow, other: AccountRow): FriendRequestView {
    const outgoing = r.from_id === accountId;
    return {
      id: r.id,
      direction: outgoing ? 'outgoing' : 'incoming',
      other: serializeProfile.card(other),
      status: r.status,
      accepted: outgoing || r.recipient_accepted === 1,
      guardianApproved: (outgoing ? r.from_guardian_approved : r.to_guardian_approved) === 1,
      createdAt: r.created_at,
    };
  }

  private async notifyPending(
    tx: DbExecutor,
    r: FriendRequestRow,
    child: AccountRow,
    other: AccountRow,
  ) {
    await this.notifications.notifyGuardians(tx, child.id, 'friend_request.pending', {
      requestId: r.id,
      direction: r.from_id === child.id ? 'outgoing' : 'incoming',
      publicId: other.public_id,
      displayName: other.display_name,
    });
  }

  /** Only the deciding child's own family hears of a decline; the other side never does. */
  private async notifyDecided(
    tx: DbExecutor,
    accountId: string,
    other: AccountRow,
    outcome: 'approved' | 'declined',
    requestId: string,
  ) {
    const me = await new AccountStore(tx).byId(accountId);
    if (me?.kind !== 'child') return;
    await this.notifications.notifyGuardians(tx, accountId, `friend_request.${outcome}`, {
      requestId,
      publicId: other.public_id,
      displayName: other.display_name,
    });
  }
}
