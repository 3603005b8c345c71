import type { RemoveTarget, ServerKeyPair } from '@kidtalk/crypto';
import { buildExternalRemove, isCryptoError } from '@kidtalk/crypto';
import type { Clock } from '../clock.js';
import type { DbExecutor } from '../db/database.js';
import { newId } from '../security/tokens.js';
import { ConversationStore } from '../stores/conversation-store.js';
import { DeviceStore } from '../stores/device-store.js';
import type { MailboxItem, MailboxService } from './mailbox-service.js';

export const SERVER_SENDER = 'server';

/** Server-signed MLS Remove proposals, ready to enqueue once the transaction has committed. */
export interface PlannedProposals {
  items: MailboxItem[];
  deviceIds: string[];
}

/**
 * The server as MLS external sender. Proposals are built inside the transaction that removed
 * the member, from the GroupInfo of the epoch that transaction saw; any later commit must drop
 * the member anyway (DeliveryService refuses a GroupInfo that keeps a non-member or a device
 * that is gone), so a proposal can only ever be stale when it is no longer needed.
 */
export class ServerRemovals {
  constructor(
    private readonly mailbox: MailboxService,
    private readonly clock: Clock,
    private readonly serverKey: ServerKeyPair,
  ) {}

  /**
   * Plans the removal of `target`'s leaves (every device of an account, or one device) for the
   * members who stay. The caller holds the conversation row locked.
   */
  async plan(
    tx: DbExecutor,
    conversationId: string,
    target: RemoveTarget,
  ): Promise<PlannedProposals> {
    const conv = await new ConversationStore(tx).byId(conversationId);
    if (!conv?.group_info) return { items: [], deviceIds: [] };
    let proposals: Uint8Array[];
    try {
      proposals = await buildExternalRemove(
        this.serverKey,
        Buffer.from(conv.group_info, 'base64url'),
        target,
      );
    } catch (err) {
      // NOT_A_MEMBER: added on the server but never joined at the MLS layer, or already gone.
      // CREDENTIAL_INVALID: a group that does not name the server as external sender cannot
      // take its proposals; what a client published must never make a removal or a sign-out
      // fail, and DeliveryService still refuses every commit that keeps the leaf.
      if (isCryptoError(err) && (err.code === 'NOT_A_MEMBER' || err.code === 'CREDENTIAL_INVALID'))
        return { items: [], deviceIds: [] };
      throw err;
    }
    const remaining = (await new ConversationStore(tx).members([conversationId])).map(
      (m) => m.account_id,
    );
    const deviceIds = (await new DeviceStore(tx).devicesOf(remaining))
      .map((d) => d.id)
      .filter((id) => id !== target.deviceId);
    const now = this.clock.now();
    const items = proposals.map((p) => ({
      conversationId,
      kind: 'proposal' as const,
      senderId: SERVER_SENDER,
      senderDeviceId: SERVER_SENDER,
      clientMsgId: newId(),
      epoch: conv.epoch,
      body: Buffer.from(p).toString('base64url'),
      frankTag: '',
      countersig: '',
      createdAt: now,
    }));
    return { items, deviceIds };
  }

  /**
   * A device is going (sign-out, revoked session): locks every conversation of its account and
   * plans the removal of that device's leaves, to run before the device row is deleted. The
   * locks come first, in id order, as a commit takes them (conversation row, then its
   * recipients' devices), so the two never deadlock: a commit ordered first is in the GroupInfo
   * read here, and one ordered after finds the device gone and is refused.
   */
  async planDevice(
    tx: DbExecutor,
    accountId: string,
    deviceId: string,
    pg: boolean,
  ): Promise<PlannedProposals[]> {
    const store = new ConversationStore(tx);
    const ids = (await store.listFor(accountId)).map((c) => c.id).sort();
    const out: PlannedProposals[] = [];
    for (const id of ids)
      if (await store.lock(id, pg)) out.push(await this.plan(tx, id, { accountId, deviceId }));
    return out;
  }

  async send(planned: PlannedProposals): Promise<void> {
    if (planned.deviceIds.length === 0) return;
    await Promise.all(planned.items.map((i) => this.mailbox.enqueue(i, planned.deviceIds, false)));
  }
}
