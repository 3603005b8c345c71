import type { BlockView, ContactProfile, PublicCard } from '@kidtalk/protocol';
import type { Clock } from '../clock.js';
import type { Database, DbExecutor } from '../db/database.js';
import { notFound } from '../errors.js';
import type { AccountRow } from '../stores/account-store.js';
import { AccountStore } from '../stores/account-store.js';
import { BlockStore } from '../stores/block-store.js';
import { ContactStore } from '../stores/contact-store.js';
import { InteractionStore } from '../stores/interaction-store.js';
import { FriendRequestStore } from '../stores/friend-request-store.js';
import type { ContactEvents } from './contact-events.js';
import type { NotificationKind, NotificationService } from './notification-service.js';
import { serializeProfile } from './profile-serializer.js';
import type { ProfileService } from './profile-service.js';

/**
 * Lookups, contact lists, removal and blocks. What a blocked account experiences is decided
 * here and in FriendRequestService (docs/contacts.md): the blocker becomes indistinguishable
 * from an ID nobody has, and nothing ever tells the blocked account it was blocked.
 */
export class ContactService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly profiles: ProfileService,
    private readonly notifications: NotificationService,
    private readonly events: ContactEvents,
  ) {}

  /**
   * The account behind an exact public ID as `viewerId` may find it. Unknown, banned and
   * blocked in either direction all throw the same "not found", byte for byte.
   */
  async findVisible(viewerId: string, publicId: string, tx: DbExecutor = this.db.db) {
    const target = await new AccountStore(tx).byPublicId(publicId);
    if (!target || target.status !== 'active') throw notFound('account');
    if (target.id !== viewerId && (await new BlockStore(tx).eitherWay(viewerId, target.id))) {
      throw notFound('account');
    }
    return target;
  }

  async lookup(viewerId: string, publicId: string): Promise<PublicCard> {
    return serializeProfile.card(await this.findVisible(viewerId, publicId));
  }

  async list(accountId: string): Promise<ContactProfile[]> {
    const rows = await new ContactStore(this.db.db).approvedContactsOf(accountId);
    return Promise.all(
      rows.map(async (r) => serializeProfile.contact(r, await this.profiles.isOnline(r.id))),
    );
  }

  /** The guardian's view: each contact with since-when and how often they talked (P7). */
  async listWithSince(accountId: string) {
    const rows = await new ContactStore(this.db.db).approvedContactsOf(accountId);
    const counts = await new InteractionStore(this.db.db).between(accountId);
    return Promise.all(
      rows.map(async (r) => ({
        ...serializeProfile.card(r),
        online: await this.profiles.isOnline(r.id),
        since: r.since,
        interactions: counts.summary(r.id),
      })),
    );
  }

  /** Ends the contact both ways; 404 when the two are not contacts (or the ID is unknown). */
  async remove(ownerId: string, publicId: string): Promise<void> {
    const other = await this.db.transaction(async (tx) => {
      const target = await new AccountStore(tx).byPublicId(publicId);
      const contacts = new ContactStore(tx);
      if (!target || !(await contacts.contactsOf(ownerId)).includes(target.id)) {
        throw notFound('contact');
      }
      await contacts.removePair(ownerId, target.id);
      await this.notifyIfChild(tx, ownerId, 'contact.removed', target);
      return target;
    });
    await this.events.severed(ownerId, other.id);
  }

  /**
   * Idempotent. Removes the contact both ways (unblocking later does not restore it) and
   * withdraws the blocker's own open requests to them. A request the blocked account sent
   * stays "pending" on their side and never progresses: that is all they ever see.
   */
  async block(blockerId: string, publicId: string): Promise<BlockView> {
    const { target, view } = await this.db.transaction((tx) =>
      this.blockInTx(tx, blockerId, publicId),
    );
    await this.blocked(blockerId, target.id);
    return view;
  }

  /**
   * The block itself, inside the caller's transaction (a report that also blocks, P26). The
   * caller must call `blocked` once the transaction has committed.
   */
  async blockInTx(
    tx: DbExecutor,
    blockerId: string,
    publicId: string,
  ): Promise<{ target: AccountRow; view: BlockView }> {
    const now = this.clock.now();
    const target = await new AccountStore(tx).byPublicId(publicId);
    // Blocking someone who blocked you must work and look the same, so only existence counts.
    if (!target || target.status !== 'active' || target.id === blockerId) {
      throw notFound('account');
    }
    const blocks = new BlockStore(tx);
    const already = await blocks.blocks(blockerId, target.id);
    await blocks.add(blockerId, target.id, now);
    await new ContactStore(tx).removePair(blockerId, target.id);
    await new FriendRequestStore(tx).cancelPendingFrom(blockerId, target.id, now);
    if (!already) await this.notifyIfChild(tx, blockerId, 'contact.blocked', target);
    const row = (await blocks.blockedBy(blockerId)).find((b) => b.id === target.id)!;
    return { target, view: toBlockView(row, row.blockedAt) };
  }

  /** After a block committed: delivery between the two ends at once, everywhere. */
  async blocked(blockerId: string, targetId: string): Promise<void> {
    await this.events.severed(blockerId, targetId);
  }

  async unblock(blockerId: string, publicId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const target = await new AccountStore(tx).byPublicId(publicId);
      if (!target || !(await new BlockStore(tx).remove(blockerId, target.id))) {
        throw notFound('block');
      }
      await this.notifyIfChild(tx, blockerId, 'contact.unblocked', target);
    });
  }

  async blocksOf(blockerId: string): Promise<BlockView[]> {
    const rows = await new BlockStore(this.db.db).blockedBy(blockerId);
    return rows.map((r) => toBlockView(r, r.blockedAt));
  }

  /** A child's guardians hear of every change to the child's contacts, whoever made it (P16). */
  private async notifyIfChild(
    tx: DbExecutor,
    ownerId: string,
    kind: NotificationKind,
    other: AccountRow,
  ): Promise<void> {
    const owner = await new AccountStore(tx).byId(ownerId);
    if (owner?.kind !== 'child') return;
    await this.notifications.notifyGuardians(tx, ownerId, kind, {
      publicId: other.public_id,
      displayName: other.display_name,
    });
  }
}

function toBlockView(a: AccountRow, createdAt: number): BlockView {
  return { ...serializeProfile.card(a), createdAt };
}
