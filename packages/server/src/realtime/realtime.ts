import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { KidTalkApp } from '../api/types.js';
import type { AppContext } from '../context.js';
import { MemoryPresenceTracker } from '../presence/presence-tracker.js';
import type { PresenceTracker } from '../presence/presence-tracker.js';
import { RedisPresenceTracker } from '../presence/redis-presence-tracker.js';
import { InteractionCounter } from '../services/interaction-counter.js';
import { deviceTopic } from '../services/mailbox-service.js';
import { RelayService } from '../services/relay-service.js';
import { MailboxStore } from '../stores/mailbox-store.js';
import { AccountStore } from '../stores/account-store.js';
import { REVOKED_PAYLOAD } from './connection.js';
import { ConnectionRegistry } from './connection-registry.js';
import { Gateway } from './gateway.js';
import { PresenceService } from './presence-service.js';
import { RouteCache } from './route-cache.js';

export const DELIVERY_WINDOW = 64;

export interface Realtime {
  gateway: Gateway;
  relay: RelayService;
  routes: RouteCache;
  presence: PresenceService;
  interactions: InteractionCounter;
  close(): Promise<void>;
}

/**
 * Builds the realtime side on a listening app: the relay, its route cache, presence and the
 * WebSocket gateway. A severed contact pair is enforced here at once: every node drops its
 * cached routes and the pair's queued entries are deleted, in both directions.
 */
export function startRealtime(app: KidTalkApp, ctx: AppContext): Realtime {
  const redis = ctx.config.redisUrl
    ? new Redis(ctx.config.redisUrl, { maxRetriesPerRequest: 2 })
    : null;
  const redisTracker = redis
    ? new RedisPresenceTracker(redis, {
        nodeId: randomUUID(),
        ttlMs: ctx.config.presenceTtlMs,
        onError: (err) => ctx.logger.warn({ err }, 'presence: Redis write failed'),
      })
    : null;
  redisTracker?.start();
  const tracker: PresenceTracker = redisTracker ?? new MemoryPresenceTracker();
  const routes = new RouteCache(
    async (requests) => {
      const found = await ctx.conversationPolicy.routes(
        requests.map((r) => ({ conversationId: r.conversationId, senderAccountId: r.senderId })),
      );
      return found.map((r) =>
        r
          ? {
              accountIds: r.recipients.map((x) => x.accountId),
              deviceIds: r.recipients.flatMap((x) => x.deviceIds),
            }
          : null,
      );
    },
    ctx.bus,
    ctx.clock,
  );
  const interactions = new InteractionCounter(ctx.db, ctx.clock, ctx.logger);
  const relay = new RelayService(
    routes,
    ctx.mailbox,
    ctx.bus,
    ctx.clock,
    ctx.secrets.frankingKey,
    interactions,
  );
  const presence = new PresenceService(ctx.db, ctx.bus, tracker);
  if (redisTracker) {
    redisTracker.onExpired = (ids) =>
      void presence
        .expired(ids)
        .catch((err: unknown) => ctx.logger.warn({ err }, 'presence: offline after a node died'));
  }
  ctx.sessions.onRevoked = (deviceId) => {
    routes.invalidateEverywhere();
    ctx.bus.publish(deviceTopic(deviceId), REVOKED_PAYLOAD);
  };
  ctx.sessions.onDevicesChanged = (accountId) => routes.widenEverywhere({ members: [accountId] });
  ctx.profiles.presence = (id) => presence.isOnline(id);
  ctx.conversations.onMembershipChanged = () => routes.invalidateEverywhere();
  ctx.conversations.onMembersAdded = (id) => routes.widenEverywhere({ conversations: [id] });
  ctx.contactEvents.on({
    severed: async (a, b) => {
      routes.invalidateEverywhere();
      await new MailboxStore(ctx.db.db).dropBetween(a, b);
    },
    approved: async (a, b) => routes.widenEverywhere({ senders: [a, b] }),
  });
  const gateway = new Gateway(
    app,
    {
      logger: ctx.logger,
      bus: ctx.bus,
      sessions: ctx.sessions,
      relay,
      mailbox: ctx.mailbox,
      registry: new ConnectionRegistry(),
      presence,
      publicIdOf: async (id) => (await new AccountStore(ctx.db.db).byId(id))?.public_id,
      window: DELIVERY_WINDOW,
    },
    new Set(ctx.config.allowedOrigins),
  );
  return {
    gateway,
    relay,
    routes,
    presence,
    interactions,
    close: async () => {
      await gateway.close();
      await interactions.flush();
      routes.close();
      await redisTracker?.close();
      if (redis) await redis.quit();
    },
  };
}
