import type { DatabaseSchema } from '../db/schema.js';
import { CONSENT_EVIDENCE_COLUMNS } from '../stores/consent-store.js';

/**
 * What an export (P24) takes from each table, written down once so the export and its test
 * (tests/data-export.test.ts, driven by docs/data-inventory.json) read the same list. Every
 * live table with a personal column is either here, with each column exported or omitted for
 * a stated reason, or in EXPORT_EXCLUDED with the reason the whole table stays out.
 */
export interface ExportEntry {
  table: keyof DatabaseSchema;
  section: string;
  /** Rows where any of these columns holds the account's ID. */
  match?: readonly string[];
  /** Rows where this column holds one of the account's device IDs. */
  matchDevice?: string;
  columns: readonly string[];
  /** Columns left out on purpose, with why. */
  omitted?: Readonly<Record<string, string>>;
}

const SECRET = 'a keyed hash of a secret: proves nothing to the reader and must never leave';
const CIPHERTEXT = 'end-to-end encrypted bytes or their MACs; the server cannot read them (P1)';

export const EXPORT_PLAN: readonly ExportEntry[] = [
  {
    table: 'accounts',
    section: 'account',
    match: ['id'],
    columns: [
      'id',
      'kind',
      'public_id',
      'display_name',
      'avatar_builtin',
      'avatar_blob_id',
      'phone_e164',
      'country',
      'gender',
      'birthday',
      'self_friending',
      'status',
      'created_at',
      'updated_at',
    ],
  },
  {
    table: 'guardianships',
    section: 'guardianships',
    match: ['child_id', 'guardian_id'],
    columns: ['child_id', 'guardian_id', 'role', 'created_at'],
  },
  {
    table: 'guardian_invites',
    section: 'guardian_invites',
    match: ['child_id', 'inviter_id'],
    columns: [
      'id',
      'child_id',
      'inviter_id',
      'phone_e164',
      'expires_at',
      'accepted_at',
      'created_at',
    ],
  },
  {
    table: 'consents',
    section: 'consents',
    match: ['guardian_id', 'child_id'],
    columns: [
      'id',
      'guardian_id',
      'child_id',
      'purpose',
      'granted',
      'policy_version',
      'verified_phone_e164',
      'used_at',
      'created_at',
    ],
  },
  {
    table: 'consent_evidence',
    section: 'consent_evidence',
    match: ['child_id'],
    columns: [...CONSENT_EVIDENCE_COLUMNS, 'withdrawn_at'],
  },
  {
    table: 'parental_pins',
    section: 'parental_pin',
    match: ['child_id'],
    columns: [
      'child_id',
      'failed_streak',
      'failed_total',
      'locked_until',
      'reverify_required',
      'updated_at',
    ],
    omitted: { pin_hash: SECRET },
  },
  {
    table: 'devices',
    section: 'devices',
    match: ['account_id'],
    columns: [
      'id',
      'account_id',
      'os',
      'model',
      'app_version',
      'language',
      'timezone',
      'perm_camera',
      'perm_microphone',
      'perm_photos',
      'last_ip',
      'created_at',
      'last_seen_at',
    ],
  },
  {
    table: 'sessions',
    section: 'sessions',
    match: ['account_id'],
    columns: ['id', 'account_id', 'device_id', 'created_at', 'last_used_at', 'expires_at'],
    omitted: { token_hash: SECRET },
  },
  {
    table: 'blobs',
    section: 'files',
    match: ['owner_id'],
    columns: [
      'id',
      'owner_id',
      'kind',
      'content_type',
      'size_bytes',
      'sha256',
      'created_at',
      'expires_at',
      'conversation_id',
    ],
  },
  {
    table: 'notifications',
    section: 'notifications',
    match: ['account_id', 'child_id'],
    columns: ['id', 'account_id', 'kind', 'child_id', 'data', 'created_at', 'read_at'],
  },
  {
    table: 'contacts',
    section: 'contacts',
    match: ['owner_id'],
    columns: ['owner_id', 'contact_id', 'created_at'],
  },
  {
    // Only the blocks the account made: being blocked is never revealed (docs/contacts.md).
    table: 'blocks',
    section: 'blocks',
    match: ['blocker_id'],
    columns: ['blocker_id', 'blocked_id', 'created_at'],
  },
  {
    table: 'friend_requests',
    section: 'friend_requests',
    match: ['from_id', 'to_id'],
    columns: [
      'id',
      'from_id',
      'to_id',
      'status',
      'recipient_accepted',
      'from_guardian_approved',
      'to_guardian_approved',
      'created_at',
      'decided_at',
    ],
  },
  {
    table: 'key_packages',
    section: 'key_packages',
    match: ['account_id'],
    columns: ['id', 'device_id', 'account_id', 'last_resort', 'expires_at', 'created_at'],
    omitted: { data: 'public MLS key material, meaningless without the device’s private keys' },
  },
  {
    table: 'conversations',
    section: 'conversations_created',
    match: ['created_by'],
    columns: ['id', 'kind', 'created_at', 'created_by'],
    omitted: {
      epoch: 'an MLS protocol counter, about no person',
      group_info: 'public MLS group state, the same for every member',
    },
  },
  {
    table: 'conversation_members',
    section: 'conversation_memberships',
    match: ['account_id'],
    columns: ['conversation_id', 'account_id', 'joined_at'],
  },
  {
    table: 'mailbox_entries',
    section: 'messages_sent_waiting',
    match: ['sender_id'],
    columns: [
      'seq',
      'conversation_id',
      'kind',
      'sender_id',
      'sender_device_id',
      'client_msg_id',
      'epoch',
      'created_at',
    ],
    omitted: {
      device_id: 'the recipient’s device, personal data of someone else',
      body: CIPHERTEXT,
      frank_tag: CIPHERTEXT,
      countersig: CIPHERTEXT,
    },
  },
  {
    table: 'mailbox_entries',
    section: 'messages_received_waiting',
    matchDevice: 'device_id',
    columns: [
      'seq',
      'device_id',
      'conversation_id',
      'kind',
      'sender_id',
      'client_msg_id',
      'created_at',
    ],
    omitted: { sender_device_id: 'the sender’s device, personal data of someone else' },
  },
  {
    table: 'sent_messages',
    section: 'messages_sent_recently',
    matchDevice: 'sender_device_id',
    columns: ['sender_device_id', 'client_msg_id', 'created_at'],
    omitted: { countersig: CIPHERTEXT },
  },
  {
    table: 'attachment_fetches',
    section: 'attachments_fetched',
    matchDevice: 'device_id',
    columns: ['blob_id', 'device_id'],
  },
  {
    table: 'interaction_counts',
    section: 'interaction_counts',
    match: ['account_id', 'peer_id'],
    columns: ['account_id', 'peer_id', 'feature', 'count', 'last_at'],
  },
  {
    table: 'reports',
    section: 'reports_made',
    match: ['reporter_id'],
    columns: [
      'id',
      'reporter_id',
      'reported_id',
      'category',
      'evidence',
      'status',
      'due_at',
      'resolved_at',
      'created_at',
    ],
  },
  {
    // Who reported, and what they disclosed, is never shown to the reported side.
    table: 'reports',
    section: 'reports_received',
    match: ['reported_id'],
    columns: ['id', 'reported_id', 'category', 'status', 'due_at', 'resolved_at', 'created_at'],
    omitted: {
      reporter_id: 'identifies the reporter, who must be safe from retaliation',
      evidence: 'what the reporter chose to disclose',
    },
  },
  {
    table: 'support_requests',
    section: 'support_requests',
    match: ['account_id'],
    columns: ['id', 'account_id', 'contact_email', 'body', 'status', 'due_at', 'created_at'],
  },
];

/** Tables never exported, and why. */
export const EXPORT_EXCLUDED: Readonly<Record<string, string>> = {
  otp_challenges: `keyed by phone number, a one-time code ${SECRET}; gone within minutes`,
  elevation_tokens: `single-use 5-minute PIN elevations; ${SECRET}`,
  link_codes: `10-minute device link codes; ${SECRET}`,
  legal_holds: 'a legal request may not be disclosed to its subject while it is open (P22)',
  audit_log: 'reserved: nothing writes it yet',
  kysely_migration: 'schema bookkeeping, about no person',
  kysely_migration_lock: 'schema bookkeeping, about no person',
};
