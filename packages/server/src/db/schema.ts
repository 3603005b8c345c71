import type { Generated } from 'kysely';

// Times are integer milliseconds since the epoch on both dialects, and flags are 0/1
// integers, so the same rows round-trip identically through SQLite and PostgreSQL.
type Ms = number;
type Flag = number;

export interface AccountTable {
  id: string;
  kind: 'adult' | 'child';
  public_id: string;
  display_name: string;
  avatar_builtin: string | null;
  avatar_blob_id: string | null;
  phone_e164: string | null;
  country: string | null;
  gender: string | null;
  birthday: string | null;
  self_friending: Flag;
  status: 'active' | 'banned';
  created_at: Ms;
  updated_at: Ms;
}

export interface GuardianshipTable {
  child_id: string;
  guardian_id: string;
  role: 'primary' | 'co';
  created_at: Ms;
}

export interface GuardianInviteTable {
  id: string;
  child_id: string;
  inviter_id: string;
  phone_e164: string;
  expires_at: Ms;
  accepted_at: Ms | null;
  created_at: Ms;
}

export interface ConsentTable {
  id: string;
  guardian_id: string;
  child_id: string | null;
  purpose: string;
  granted: Flag;
  policy_version: string;
  verified_phone_e164: string;
  used_at: Ms | null;
  created_at: Ms;
}

/** What stays of a deleted guardian's consents about a child who still has an account. */
export interface ConsentEvidenceTable {
  id: string;
  child_id: string;
  purpose: string;
  granted: Flag;
  policy_version: string;
  used_at: Ms | null;
  created_at: Ms;
  withdrawn_at: Ms;
}

export interface ParentalPinTable {
  child_id: string;
  pin_hash: string;
  failed_streak: number;
  failed_total: number;
  locked_until: Ms | null;
  reverify_required: Flag;
  updated_at: Ms;
}

export interface ElevationTokenTable {
  token_hash: string;
  child_id: string;
  session_id: string;
  action: string;
  expires_at: Ms;
  used_at: Ms | null;
  created_at: Ms;
}

export interface OtpChallengeTable {
  id: string;
  phone_e164: string;
  purpose: string;
  code_hash: string;
  attempts: number;
  expires_at: Ms;
  consumed_at: Ms | null;
  created_at: Ms;
}

export interface DeviceTable {
  id: string;
  account_id: string;
  os: string;
  model: string;
  app_version: string;
  language: string;
  timezone: string;
  perm_camera: string;
  perm_microphone: string;
  perm_photos: string;
  last_ip: string | null;
  created_at: Ms;
  last_seen_at: Ms;
}

export interface SessionTable {
  id: string;
  token_hash: string;
  account_id: string;
  device_id: string;
  created_at: Ms;
  last_used_at: Ms;
  expires_at: Ms;
}

export interface LinkCodeTable {
  code_hash: string;
  child_id: string;
  created_by: string;
  expires_at: Ms;
  used_at: Ms | null;
  created_at: Ms;
}

export interface BlobTable {
  id: string;
  owner_id: string;
  kind: 'avatar' | 'attachment';
  content_type: string;
  size_bytes: number;
  sha256: string;
  created_at: Ms;
  expires_at: Ms | null;
  conversation_id: string | null;
}

export interface NotificationTable {
  id: string;
  account_id: string;
  kind: string;
  child_id: string | null;
  data: string;
  created_at: Ms;
  read_at: Ms | null;
}

export interface ContactTable {
  owner_id: string;
  contact_id: string;
  created_at: Ms;
}

export interface BlockTable {
  blocker_id: string;
  blocked_id: string;
  created_at: Ms;
}

export interface FriendRequestTable {
  id: string;
  from_id: string;
  to_id: string;
  status: 'pending' | 'approved' | 'declined' | 'cancelled';
  recipient_accepted: Flag;
  /** 1 when the sender's guardian approved, or when none needs to (adult, self-friending). */
  from_guardian_approved: Flag;
  to_guardian_approved: Flag;
  created_at: Ms;
  decided_at: Ms | null;
}

export interface KeyPackageTable {
  id: string;
  device_id: string;
  account_id: string;
  /** The KeyPackage as sent by the device, base64url. Public material, no secrets. */
  data: string;
  last_resort: Flag;
  expires_at: Ms;
  created_at: Ms;
}

export interface ConversationTable {
  id: string;
  kind: 'direct' | 'group';
  epoch: number;
  group_info: string | null;
  created_by: string | null;
  created_at: Ms;
}

export interface ConversationMemberTable {
  conversation_id: string;
  account_id: string;
  joined_at: Ms;
}

export interface MailboxEntryTable {
  seq: Generated<number>;
  device_id: string;
  conversation_id: string;
  kind: 'app' | 'commit' | 'welcome' | 'proposal';
  sender_id: string;
  sender_device_id: string;
  client_msg_id: string;
  epoch: number;
  body: string;
  frank_tag: string;
  countersig: string;
  created_at: Ms;
}

export interface SentMessageTable {
  client_msg_id: string;
  sender_device_id: string;
  countersig: string;
  created_at: Ms;
}

export interface AttachmentFetchTable {
  blob_id: string;
  device_id: string;
}

export interface InteractionCountTable {
  account_id: string;
  peer_id: string;
  feature: 'message' | 'call';
  count: number;
  last_at: Ms;
}

export interface ReportTable {
  id: string;
  reporter_id: string;
  reported_id: string;
  category: string;
  evidence: string;
  status: 'open' | 'actioned' | 'dismissed';
  due_at: Ms;
  resolved_at: Ms | null;
  created_at: Ms;
}

export interface SupportRequestTable {
  id: string;
  account_id: string | null;
  contact_email: string | null;
  body: string;
  status: 'open' | 'answered';
  due_at: Ms;
  created_at: Ms;
}

export interface LegalHoldTable {
  id: string;
  account_id: string;
  reason: string;
  created_at: Ms;
  released_at: Ms | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: string;
  action: string;
  subject_id: string | null;
  created_at: Ms;
}

export interface DatabaseSchema {
  accounts: AccountTable;
  guardianships: GuardianshipTable;
  guardian_invites: GuardianInviteTable;
  consents: ConsentTable;
  consent_evidence: ConsentEvidenceTable;
  parental_pins: ParentalPinTable;
  elevation_tokens: ElevationTokenTable;
  otp_challenges: OtpChallengeTable;
  devices: DeviceTable;
  sessions: SessionTable;
  link_codes: LinkCodeTable;
  blobs: BlobTable;
  notifications: NotificationTable;
  contacts: ContactTable;
  blocks: BlockTable;
  friend_requests: FriendRequestTable;
  key_packages: KeyPackageTable;
  conversations: ConversationTable;
  conversation_members: ConversationMemberTable;
  mailbox_entries: MailboxEntryTable;
  sent_messages: SentMessageTable;
  attachment_fetches: AttachmentFetchTable;
  interaction_counts: InteractionCountTable;
  reports: ReportTable;
  support_requests: SupportRequestTable;
  legal_holds: LegalHoldTable;
  audit_log: AuditLogTable;
}
