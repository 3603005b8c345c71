import type { Insertable, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { DbExecutor } from '../db/database.js';
import type { MailboxEntryTable, SentMessageTable } from '../db/schema.js';

export type MailboxRow = Selectable<MailboxEntryTable>;
// SQLite allows 32,766 bound values per statement; 12 columns a row leaves room for 500.
const CHUNK = 500;

export class MailboxStore {
  constructor(private readonly db: DbExecutor) {}

  async insert(rows: Insertable<MailboxEntryTable>[]) {
    const out: {
      seq: number;
      device_id: string;
      sender_device_id: string;
      client_msg_id: string;
    }[] = [];
    for (let i = 0; i < rows.length; i += CHUNK) {
      out.push(
        ...(await this.db
          .insertInto('mailbox_entries')
          .values(rows.slice(i, i + CHUNK))
          .returning(['seq', 'device_id', 'sender_device_id', 'client_msg_id'])
          .execute()),
      );
    }
    return out;
  }

  async existingDevices(ids: string[]): Promise<Set<string>> {
    const unique = [...new Set(ids)];
    const found = new Set<string>();
    for (let i = 0; i < unique.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('devices')
        .select('id')
        .where('id', 'in', unique.slice(i, i + CHUNK))
        .execute();
      for (const r of rows) found.add(r.id);
    }
    return found;
  }

  async existingConversations(ids: string[]): Promise<Set<string>> {
    const unique = [...new Set(ids)];
    const found = new Set<string>();
    for (let i = 0; i < unique.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('conversations')
        .select('id')
        .where('id', 'in', unique.slice(i, i + CHUNK))
        .execute();
      for (const r of rows) found.add(r.id);
    }
    return found;
  }

  /** Records first sends; returns the keys that were new (the rest are resends). */
  async recordSent(rows: Insertable<SentMessageTable>[]): Promise<Set<string>> {
    const fresh = new Set<string>();
    for (let i = 0; i < rows.length; i += CHUNK) {
      const res = await this.db
        .insertInto('sent_messages')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) => oc.columns(['client_msg_id', 'sender_device_id']).doNothing())
        .returning(['sender_device_id', 'client_msg_id'])
        .execute();
      for (const r of res) fresh.add(`${r.sender_device_id}|${r.client_msg_id}`);
    }
    return fresh;
  }

  async sentBefore(senderDeviceId: string, clientMsgId: string) {
    return this.db
      .selectFrom('sent_messages')
      .select(['countersig', 'created_at'])
      .where('client_msg_id', '=', clientMsgId)
      .where('sender_device_id', '=', senderDeviceId)
      .executeTakeFirst();
  }

  async pending(deviceId: string, afterSeq: number, limit: number): Promise<MailboxRow[]> {
    return this.db
      .selectFrom('mailbox_entries')
      .selectAll()
      .where('device_id', '=', deviceId)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
  }

  /**
   * Acks from many devices in one statement per chunk: each (device, seq) pair must match, so
   * a device acking another device's sequence numbers deletes nothing.
   */
  async deleteAckedPairs(pairs: readonly (readonly [deviceId: string, seq: number])[]) {
    for (let i = 0; i < pairs.length; i += CHUNK) {
      const values = sql.join(
        pairs.slice(i, i + CHUNK).map(([d, s]) => sql`(cast(${d} as text), cast(${s} as bigint))`),
      );
      await sql`delete from mailbox_entries where (device_id, seq) in (values ${values})`.execute(
        this.db,
      );
    }
  }

  /** Ends delivery between two accounts at once, including what is already queued. */
  async dropBetween(a: string, b: string): Promise<number> {
    let n = 0;
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      const res = await this.db
        .deleteFrom('mailbox_entries')
        .where('sender_id', '=', from)
        .where(
          'device_id',
          'in',
          this.db.selectFrom('devices').select('id').where('account_id', '=', to),
        )
        .executeTakeFirst();
      n += Number(res.numDeletedRows);
    }
    return n;
  }
}
