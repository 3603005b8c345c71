import type { Kysely } from 'kysely';
import type { Dialect } from '../database.js';
import { autoId } from './types.js';

/**
 * Contacts under parental approval, conversations and the MLS delivery service, the
 * store-and-forward mailbox, attachments and interaction counts. Message bodies are opaque
 * ciphertext (base64url text, never parsed); nothing here can hold plaintext content (P1).
 */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  // An approved contact is a row each way; blocks are separate so anyone can block anyone.
  await db.schema
    .createTable('contacts')
    .addColumn('owner_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('contacts_pk', ['owner_id', 'contact_id'])
    .execute();

  await db.schema
    .createTable('blocks')
    .addColumn('blocker_id', 'text', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('blocked_id', 'text', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('blocks_pk', ['blocker_id', 'blocked_id'])
    .execute();

  await db.schema
    .createTable('friend_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('from_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('to_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('recipient_accepted', 'integer', (c) => c.notNull())
    .addColumn('from_guardian_approved', 'integer', (c) => c.notNull())
    .addColumn('to_guardian_approved', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('friend_requests_to_idx')
    .on('friend_requests')
    .columns(['to_id', 'status'])
    .execute();
  await db.schema
    .createIndex('friend_requests_from_idx')
    .on('friend_requests')
    .columns(['from_id', 'status'])
    .execute();

  await db.schema
    .createTable('key_packages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('account_id', 'text', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('last_resort', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('key_packages_device_idx')
    .on('key_packages')
    .columns(['device_id', 'last_resort'])
    .execute();

  await db.schema
    .createTable('conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('epoch', 'bigint', (c) => c.notNull())
    .addColumn('group_info', 'text')
    .addColumn('created_by', 'text', (c) => c.references('accounts.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('conversation_members')
    .addColumn('conversation_id', 'text', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('account_id', 'text', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('joined_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_members_pk', ['conversation_id', 'account_id'])
    .execute();
  await db.schema
    .createIndex('conversation_members_account_idx')
    .on('conversation_members')
    .column('account_id')
    .execute();

  // One row per recipient device; deleted the moment that device acknowledges it (P3).
  await autoId(db.schema.createTable('mailbox_entries'), 'seq', dialect)
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('conversation_id', 'text', (c) =>
      c.notNull().references('conversations.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sender_id', 'text', (c) => c.notNull())
    .addColumn('sender_device_id', 'text', (c) => c.notNull())
    .addColumn('client_msg_id', 'text', (c) => c.notNull())
    .addColumn('epoch', 'bigint', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('frank_tag', 'text', (c) => c.notNull())
    .addColumn('countersig', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('mailbox_entries_device_idx')
    .on('mailbox_entries')
    .columns(['device_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('mailbox_entries_created_idx')
    .on('mailbox_entries')
    .column('created_at')
    .execute();

  // What makes a resend idempotent: the first acceptance of (device, clientMsgId) is final.
  await db.schema
    .createTable('sent_messages')
    .addColumn('sender_device_id', 'text', (c) =>
      c.notNull().references('devices.id').onDelete('cascade'),
    )
    .addColumn('client_msg_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('countersig', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sent_messages_pk', ['sender_device_id', 'client_msg_id'])
    .execute();
  await db.schema
    .createIndex('sent_messages_created_idx')
    .on('sent_messages')
    .column('created_at')
    .execute();

  // Attachments are blobs (kind 'attachment'); these are the devices that still must fetch one.
  await db.schema
    .createTable('attachment_fetches')
    .addColumn('blob_id', 'text', (c) => c.notNull().references('blobs.id').onDelete('cascade'))
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('attachment_fetches_pk', ['blob_id', 'device_id'])
    .execute();
  await db.schema.alterTable('blobs').addColumn('conversation_id', 'text').execute();

  // Interaction metadata for the guardian's view (P7): counts only, never content.
  await db.schema
    .createTable('interaction_counts')
    .addColumn('account_id', 'text', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('peer_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('feature', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('last_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('interaction_counts_pk', ['account_id', 'peer_id', 'feature'])
    .execute();
}
