import type { Database } from '../db/database.js';
import type { MailboxRow } from './mailbox-store.js';
import { MailboxStore } from './mailbox-store.js';
import type {
  EnqueueResult,
  RelayBatchResult,
  RelayStore,
  RelaySubmission,
} from './relay-store.js';
import { msgPayload, toEntry } from './relay-store.js';

/**
 * PostgreSQL: every round trip costs more than the statement, so a batch is a handful of
 * multi-row statements in one transaction, whatever its size.
 */
export class PgRelayStore implements RelayStore {
  constructor(private readonly database: Database) {}

  commit(
    batch: readonly RelaySubmission[],
    acked: ReadonlyMap<string, readonly number[]>,
  ): Promise<RelayBatchResult> {
    return this.database.transaction(async (tx) => {
      const store = new MailboxStore(tx);
      await store.deleteAckedPairs(
        [...acked].flatMap(([deviceId, seqs]) => seqs.map((seq) => [deviceId, seq] as const)),
      );
      if (batch.length === 0) return { outcomes: [], deliveries: [] };
      // A cached route may still name a device revoked a moment ago, or a conversation that
      // ended (a block can delete a 1:1): only that send is affected, not everyone's batch.
      const live = await store.existingDevices(
        batch.flatMap((s) => (s.dedupe ? [...s.deviceIds, s.item.senderDeviceId] : s.deviceIds)),
      );
      const conversations = await store.existingConversations(
        batch.map((s) => s.item.conversationId),
      );
      const gone = (s: RelaySubmission) =>
        !conversations.has(s.item.conversationId) || (s.dedupe && !live.has(s.item.senderDeviceId));
      const fresh = await store.recordSent(
        batch
          .filter((s) => s.dedupe && !gone(s))
          .map((s) => ({
            client_msg_id: s.item.clientMsgId,
            sender_device_id: s.item.senderDeviceId,
            countersig: s.item.countersig,
            created_at: s.item.createdAt,
          })),
      );
      const outcomes: EnqueueResult[] = [];
      const entries: { item: RelaySubmission['item']; deviceId: string }[] = [];
      for (const s of batch) {
        if (gone(s)) {
          outcomes.push({ duplicate: false, gone: true });
          continue;
        }
        if (s.dedupe && !fresh.delete(`${s.item.senderDeviceId}|${s.item.clientMsgId}`)) {
          const first = await store.sentBefore(s.item.senderDeviceId, s.item.clientMsgId);
          outcomes.push({
            duplicate: true,
            countersig: first?.countersig ?? s.item.countersig,
            createdAt: first?.created_at ?? s.item.createdAt,
          });
          continue;
        }
        outcomes.push({ duplicate: false });
        for (const deviceId of s.deviceIds)
          if (live.has(deviceId)) entries.push({ item: s.item, deviceId });
      }
      const inserted = await store.insert(entries.map((e) => toEntry(e.item, e.deviceId)));
      // RETURNING's row order is not promised, so rows are matched by their key.
      const key = (device: string, sender: string, id: string) => `${device}|${sender}|${id}`;
      const seqOf = new Map(
        inserted.map((r) => [key(r.device_id, r.sender_device_id, r.client_msg_id), r.seq]),
      );
      const deliveries = entries.map((e) => {
        const seq = seqOf.get(key(e.deviceId, e.item.senderDeviceId, e.item.clientMsgId))!;
        return { deviceId: e.deviceId, payload: msgPayload(e.item, seq) };
      });
      return { outcomes, deliveries };
    });
  }

  pending(deviceId: string, limit: number): Promise<MailboxRow[]> {
    return new MailboxStore(this.database.db).pending(deviceId, 0, limit);
  }
}
