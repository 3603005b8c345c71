import type SqliteDriver from 'better-sqlite3';
import type { Database } from '../db/database.js';
import type { MailboxRow } from './mailbox-store.js';
import type {
  EnqueueResult,
  RelayBatchResult,
  RelayStore,
  RelaySubmission,
} from './relay-store.js';
import { msgPayload } from './relay-store.js';

type Statements = ReturnType<typeof prepare>;

function prepare(db: SqliteDriver.Database) {
  return {
    conversation: db.prepare('select 1 from conversations where id = ?').pluck(),
    device: db.prepare('select 1 from devices where id = ?').pluck(),
    recordSent: db.prepare(
      `insert into sent_messages (client_msg_id, sender_device_id, countersig, created_at)
       values (?, ?, ?, ?) on conflict do nothing`,
    ),
    sentBefore: db.prepare(
      `select countersig, created_at from sent_messages
       where client_msg_id = ? and sender_device_id = ?`,
    ),
    insertEntry: db.prepare(
      `insert into mailbox_entries (device_id, conversation_id, kind, sender_id, sender_device_id,
         client_msg_id, epoch, body, frank_tag, countersig, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    deleteEntry: db.prepare('delete from mailbox_entries where device_id = ? and seq = ?'),
    pending: db.prepare('select * from mailbox_entries where device_id = ? order by seq limit ?'),
  };
}

const isForeignKeyError = (err: unknown) =>
  (err as { code?: unknown })?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';

/**
 * Prepared statements on the raw SQLite handle, one synchronous transaction per batch. A
 * profile of the relay put Kysely's query building at a tenth of all CPU and its multi-row
 * statements' existence checks at two more statements per batch; here each check is a
 * primary-key probe, remembered for the rest of the batch.
 */
export class SqliteRelayStore implements RelayStore {
  private stmts: Statements | undefined;

  constructor(private readonly database: Database) {}

  commit(
    batch: readonly RelaySubmission[],
    acked: ReadonlyMap<string, readonly number[]>,
  ): Promise<RelayBatchResult> {
    return this.database.withSqlite((db) => {
      const s = (this.stmts ??= prepare(db));
      return db
        .transaction(() => {
          const result = writeBatch(s, batch);
          for (const [deviceId, seqs] of acked)
            for (const seq of seqs) s.deleteEntry.run(deviceId, seq);
          return result;
        })
        .immediate();
    });
  }

  pending(deviceId: string, limit: number): Promise<MailboxRow[]> {
    return this.database.withSqlite((db) => {
      const s = (this.stmts ??= prepare(db));
      return s.pending.all(deviceId, limit) as MailboxRow[];
    });
  }
}

function writeBatch(s: Statements, batch: readonly RelaySubmission[]): RelayBatchResult {
  const conversations = new Map<string, boolean>();
  const devices = new Map<string, boolean>();
  const exists = (cache: Map<string, boolean>, stmt: SqliteDriver.Statement, id: string) => {
    let found = cache.get(id);
    if (found === undefined) cache.set(id, (found = stmt.get(id) !== undefined));
    return found;
  };
  const outcomes: EnqueueResult[] = [];
  const deliveries: RelayBatchResult['deliveries'] = [];
  for (const { item, deviceIds, dedupe } of batch) {
    // A conversation that ended (a block can delete a 1:1), or a device signed out, since the
    // route was cached: that send is answered "not found", the rest of the batch goes on.
    if (
      !exists(conversations, s.conversation, item.conversationId) ||
      (dedupe && !exists(devices, s.device, item.senderDeviceId))
    ) {
      outcomes.push({ duplicate: false, gone: true });
      continue;
    }
    if (
      dedupe &&
      s.recordSent.run(item.clientMsgId, item.senderDeviceId, item.countersig, item.createdAt)
        .changes === 0
    ) {
      const first = s.sentBefore.get(item.clientMsgId, item.senderDeviceId) as
        { countersig: string; created_at: number } | undefined;
      outcomes.push({
        duplicate: true,
        countersig: first?.countersig ?? item.countersig,
        createdAt: first?.created_at ?? item.createdAt,
      });
      continue;
    }
    outcomes.push({ duplicate: false });
    for (const deviceId of deviceIds) {
      if (devices.get(deviceId) === false) continue;
      let seq: number;
      try {
        seq = Number(
          s.insertEntry.run(
            deviceId,
            item.conversationId,
            item.kind,
            item.senderId,
            item.senderDeviceId,
            item.clientMsgId,
            item.epoch,
            item.body,
            item.frankTag,
            item.countersig,
            item.createdAt,
          ).lastInsertRowid,
        );
      } catch (err) {
        // The foreign key is the existence check: a device revoked a moment ago gets nothing.
        if (!isForeignKeyError(err)) throw err;
        devices.set(deviceId, false);
        continue;
      }
      deliveries.push({ deviceId, payload: msgPayload(item, seq) });
    }
  }
  return { outcomes, deliveries };
}
