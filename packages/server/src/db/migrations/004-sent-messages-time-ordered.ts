import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Dialect } from '../database.js';

/**
 * The resend-dedupe table, keyed for the relay's write rate. Keyed (sender device, message ID),
 * every batch of sends dirtied one index page per sender: a random insert into a table that
 * holds 15 days of messages, about a 4 KB WAL write per message. Keyed (message ID, sender
 * device) with time-ordered IDs (the SDK's `newClientMsgId`), a batch lands at the index's
 * right edge, a few pages in all.
 *
 * Without the device first, a foreign-key cascade on device deletion would scan the table, so
 * the rows no longer follow their device: they hold no content (an opaque ID, the countersig,
 * a time) and the retention job drops them after the undelivered-message period, as before.
 * The conversation column was never read and is gone.
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('sent_messages_v2')
    // Byte order on PostgreSQL too, where the default collation would not keep time order.
    .addColumn('client_msg_id', 'text', (c) =>
      dialect === 'pg' ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull(),
    )
    .addColumn('sender_device_id', 'text', (c) => c.notNull())
    .addColumn('countersig', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sent_messages_v2_pk', ['client_msg_id', 'sender_device_id'])
    // SQLite: the primary key is the table, so an insert writes one B-tree, not two.
    .$call((b) => (dialect === 'sqlite' ? b.modifyEnd(sql`without rowid`) : b))
    .execute();
  await sql`insert into sent_messages_v2 (client_msg_id, sender_device_id, countersig, created_at)
    select client_msg_id, sender_device_id, countersig, created_at from sent_messages`.execute(db);
  await db.schema.dropTable('sent_messages').execute();
  await db.schema.alterTable('sent_messages_v2').renameTo('sent_messages').execute();
  await db.schema
    .createIndex('sent_messages_created_at_idx')
    .on('sent_messages')
    .column('created_at')
    .execute();
}
