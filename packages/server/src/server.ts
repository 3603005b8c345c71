import type { Server, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { buildApp } from './api/app.js';
import type { KidTalkApp } from './api/types.js';
import type { ServerConfig } from './config/config.js';
import type { ServerSecrets } from './config/secrets.js';
import type { AppContext, ContextOverrides } from './context.js';
import { closeContext, createContext } from './context.js';
import { RetentionJob } from './jobs/retention-job.js';
import { serverRetentionRules } from './jobs/retention-rules.js';
import type { Realtime } from './realtime/realtime.js';
import { startRealtime } from './realtime/realtime.js';

export const SHUTDOWN_DEADLINE_MS = 10_000;

export interface KidTalkServer {
  app: KidTalkApp;
  ctx: AppContext;
  realtime: Realtime;
  url: string;
  stop(): Promise<void>;
}

/** Builds the context (migrating the database), the HTTP app, and starts listening. */
export async function startServer(
  config: ServerConfig,
  secrets: ServerSecrets,
  logger: Logger,
  overrides: ContextOverrides = {},
): Promise<KidTalkServer> {
  const ctx = await createContext(config, secrets, logger, overrides);
  ctx.db.onConnectionError = (err) => logger.warn({ err }, 'database connection lost');
  const app = await buildApp(ctx);
  const realtime = startRealtime(app, ctx);
  const retention = new RetentionJob(
    ctx.db,
    ctx.clock,
    logger,
    { undeliveredMs: config.undeliveredRetentionMs },
    serverRetentionRules(ctx.sessions),
    ctx.blobs,
  );
  await retention.runOnce();
  retention.start(config.retentionIntervalMs);
  // Listening is the last step: once a request can arrive, the caller's signal handlers are
  // already in place (they are installed in the same turn as this function returns).
  const url = await app.listen({ port: config.port, host: config.host });
  const drain = closeConnectionsWhenDone(app.server);
  let stopping: Promise<void> | null = null;
  return {
    app,
    ctx,
    realtime,
    url,
    // Fastify stops accepting and lets in-flight requests finish; then the retention job
    // finishes its pass, and only then does the database close.
    stop: () => {
      if (!stopping) {
        drain();
        // Sockets first (clients hear 1001 and every accepted message is durable), then HTTP.
        stopping = realtime
          .close()
          .then(() => app.close())
          .then(() => retention.stop())
          .then(() => closeContext(ctx));
      }
      return stopping;
    },
  };
}

/**
 * Fastify's close stops listening, closes idle connections and waits for the rest. A
 * keep-alive connection whose request was still running would, once answered, sit idle for
 * the whole keep-alive timeout (72 s) and hold the shutdown past its deadline. So responses
 * still being produced when shutdown starts say `Connection: close`, and a connection that
 * goes idle during shutdown is closed at once. Returns the function that starts draining.
 */
function closeConnectionsWhenDone(server: Server): () => void {
  const inFlight = new Set<ServerResponse>();
  let draining = false;
  server.on('request', (_req, res: ServerResponse) => {
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (draining) setImmediate(() => server.closeIdleConnections());
    });
  });
  return () => {
    draining = true;
    for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
  };
}
