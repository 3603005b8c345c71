import type { ServerKeyPair } from '@kidtalk/crypto';
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
 * the member anyway (DeliveryService refuses a GroupInfo that keeps a non-member), so a
 * proposal can only ever be stale when it is no longer needed.
 */
export class ServerRemovals {
  constructor(
    private readonly mailbox: MailboxService,
    private readonly clock: Clock,
    private readonly serverKey: ServerKeyPair,
  ) {}

  async plan(tx: DbExecutor, conversationId: string, removed: string): Promise<PlannedProposals> {
    const conv = await new ConversationStore(tx).byId(conversationId);
    if (!conv?.group_info) return { items: [], deviceIds: [] };
    let proposals: Uint8Array[];
    try {
      proposals = await buildExternalRemove(
        this.serverKey,
        Buffer.from(conv.group_info, 'base64url'),
        { accountId: removed },
      );
    } catch (err) {
      // Added on the server but never joined at the MLS layer: nothing to remove there.
      if (isCryptoError(err) && err.code === 'NOT_A_MEMBER') return { items: [], deviceIds: [] };
      throw err;
    }
    const remaining = (await new ConversationStore(tx).members([conversationId])).map(
      (m) => m.account_id,
    );
    const deviceIds = (await new DeviceStore(tx).devicesOf(remaining)).map((d) => d.id);
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

  async send(planned: PlannedProposals): Promise<void> {
    if (planned.deviceIds.length === 0) return;
    await Promise.all(planned.items.map((i) => this.mailbox.enqueue(i, planned.deviceIds, false)));
  }
}
