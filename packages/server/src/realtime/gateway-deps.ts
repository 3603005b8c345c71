import type { Logger } from 'pino';
import type { Bus } from '../bus/bus.js';
import type { MailboxService } from '../services/mailbox-service.js';
import type { RelayService } from '../services/relay-service.js';
import type { SessionService } from '../services/session-service.js';
import type { ConnectionRegistry } from './connection-registry.js';
import type { PresenceService } from './presence-service.js';

/** What a connection needs; assembled once by the gateway. */
export interface GatewayDeps {
  logger: Logger;
  bus: Bus;
  sessions: SessionService;
  relay: RelayService;
  mailbox: MailboxService;
  registry: ConnectionRegistry;
  presence: PresenceService;
  publicIdOf(accountId: string): Promise<string | undefined>;
  window: number;
}
