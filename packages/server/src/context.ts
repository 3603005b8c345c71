import path from 'node:path';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { BlobStore } from './blobs/blob-store.js';
import type { Bus } from './bus/bus.js';
import { MemoryBus } from './bus/memory-bus.js';
import { RedisBus } from './bus/redis-bus.js';
import { DiskBlobStore } from './blobs/disk-blob-store.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { ServerConfig } from './config/config.js';
import type { ServerSecrets } from './config/secrets.js';
import { Database } from './db/database.js';
import { MemoryRateLimiter } from './rate-limit/memory-rate-limiter.js';
import type { RateLimiter } from './rate-limit/rate-limiter.js';
import { RedisRateLimiter } from './rate-limit/redis-rate-limiter.js';
import { AccountDeletionService } from './services/account-deletion-service.js';
import { AttachmentService } from './services/attachment-service.js';
import { AuthService } from './services/auth-service.js';
import { AvatarService } from './services/avatar-service.js';
import { ChildConversationService } from './services/child-conversation-service.js';
import { ChildService } from './services/child-service.js';
import { ConsentService } from './services/consent-service.js';
import { ContactEvents } from './services/contact-events.js';
import { ContactService } from './services/contact-service.js';
import { ConversationEnforcer } from './services/conversation-enforcer.js';
import { ConversationPolicy } from './services/conversation-policy.js';
import { ConversationService } from './services/conversation-service.js';
import { CredentialService } from './services/credential-service.js';
import { DataExportService } from './services/data-export-service.js';
import { DeliveryService } from './services/delivery-service.js';
import { DeviceLinkService } from './services/device-link-service.js';
import { FriendRequestService } from './services/friend-request-service.js';
import { GuardianService } from './services/guardian-service.js';
import { KeyPackageService } from './services/key-package-service.js';
import { MailboxService } from './services/mailbox-service.js';
import { NotificationService } from './services/notification-service.js';
import { OtpService } from './services/otp-service.js';
import { ParentalAuthorizer } from './services/parental-authorizer.js';
import { PinService } from './services/pin-service.js';
import { ProfileService } from './services/profile-service.js';
import { RateGuard } from './services/rate-guard.js';
import { ReportService } from './services/report-service.js';
import { ServerRemovals } from './services/server-removals.js';
import { SessionService } from './services/session-service.js';
import { SupportService } from './services/support-service.js';
import { DevOutboxSmsProvider } from './sms/dev-outbox-sms-provider.js';
import { HttpSmsProvider } from './sms/http-sms-provider.js';
import type { SmsProvider } from './sms/sms-provider.js';

/** Everything a request handler may use, wired once at start-up. */
export interface AppContext {
  config: ServerConfig;
  secrets: ServerSecrets;
  db: Database;
  clock: Clock;
  logger: Logger;
  limiter: RateLimiter;
  sms: SmsProvider;
  blobs: BlobStore;
  guard: RateGuard;
  otp: OtpService;
  sessions: SessionService;
  auth: AuthService;
  pins: PinService;
  parental: ParentalAuthorizer;
  profiles: ProfileService;
  children: ChildService;
  consents: ConsentService;
  links: DeviceLinkService;
  guardians: GuardianService;
  avatars: AvatarService;
  attachments: AttachmentService;
  notifications: NotificationService;
  bus: Bus;
  contactEvents: ContactEvents;
  contacts: ContactService;
  friendRequests: FriendRequestService;
  mailbox: MailboxService;
  conversationPolicy: ConversationPolicy;
  conversations: ConversationService;
  childConversations: ChildConversationService;
  keyPackages: KeyPackageService;
  delivery: DeliveryService;
  credentials: CredentialService;
  reports: ReportService;
  support: SupportService;
  dataExport: DataExportService;
  deletion: AccountDeletionService;
}

export interface ContextOverrides {
  clock?: Clock;
  sms?: SmsProvider;
}

export async function createContext(
  config: ServerConfig,
  secrets: ServerSecrets,
  logger: Logger,
  overrides: ContextOverrides = {},
): Promise<AppContext> {
  const clock = overrides.clock ?? systemClock;
  const db = Database.connect(config.database);
  await db.migrateToLatest();
  if (config.sqliteCheckpoints === 'background') {
    db.startBackgroundCheckpoints((message) => logger.warn({ message }, 'SQLite checkpoint'));
  }
  const limiter: RateLimiter = config.redisUrl
    ? new RedisRateLimiter(
        new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 }),
      )
    : new MemoryRateLimiter(clock);
  const sms =
    overrides.sms ??
    (config.sms.provider === 'http'
      ? new HttpSmsProvider(config.sms.url, secrets.smsHttpToken)
      : new DevOutboxSmsProvider(path.join(config.dataDir, 'sms-outbox.jsonl'), clock));
  const blobs = new DiskBlobStore(path.join(config.dataDir, 'blobs'));
  const bus: Bus = config.redisUrl ? new RedisBus(config.redisUrl) : new MemoryBus();
  const notifications = new NotificationService(clock);
  const otp = new OtpService(db, sms, limiter, clock, secrets.otpKey);
  const mailbox = new MailboxService(db, bus);
  const removals = new ServerRemovals(mailbox, clock, secrets.credentialKey);
  const sessions = new SessionService(db, clock, secrets.tokenKey, removals);
  const pins = new PinService(db, clock, notifications, secrets.tokenKey, config.pinScryptCost);
  const parental = new ParentalAuthorizer(db, pins);
  const profiles = new ProfileService(db, clock);
  const contactEvents = new ContactEvents();
  const conversations = new ConversationService(db, clock, removals);
  // Every severed pair is enforced in shared conversations before the event returns.
  contactEvents.on(new ConversationEnforcer(db, conversations, removals));
  const contacts = new ContactService(db, clock, profiles, notifications, contactEvents);
  return {
    config,
    secrets,
    db,
    clock,
    logger,
    limiter,
    sms,
    blobs,
    guard: new RateGuard(limiter),
    otp,
    sessions,
    auth: new AuthService(db, clock, otp, sessions, notifications, secrets.otpKey),
    pins,
    parental,
    profiles,
    children: new ChildService(db, clock, pins, profiles, notifications, config.policyVersion),
    consents: new ConsentService(db, clock, parental, config.policyVersion),
    links: new DeviceLinkService(db, clock, secrets.otpKey, config.publicUrl),
    guardians: new GuardianService(db, clock, sms, notifications),
    avatars: new AvatarService(db, blobs, clock),
    attachments: new AttachmentService(
      db,
      blobs,
      clock,
      new ConversationPolicy(db),
      secrets.tokenKey,
      { maxBytes: config.attachmentMaxBytes, retentionMs: config.undeliveredRetentionMs },
    ),
    notifications,
    bus,
    contactEvents,
    contacts,
    friendRequests: new FriendRequestService(db, clock, contacts, notifications, contactEvents),
    mailbox,
    conversationPolicy: new ConversationPolicy(db),
    conversations,
    childConversations: new ChildConversationService(db, profiles),
    keyPackages: new KeyPackageService(db, clock, bus, secrets.credentialKey),
    delivery: new DeliveryService(db, clock, mailbox),
    credentials: new CredentialService(clock, secrets.credentialKey),
    reports: new ReportService(db, clock, secrets.frankingKey, contacts, notifications),
    support: new SupportService(db, clock),
    dataExport: new DataExportService(db, clock),
    deletion: new AccountDeletionService(db, clock, blobs, conversations, removals, sessions),
  };
}

export async function closeContext(ctx: AppContext): Promise<void> {
  await ctx.bus.close();
  await ctx.limiter.close();
  await ctx.db.close();
}
