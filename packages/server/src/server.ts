import type { Logger } from 'pino';
import { buildApp } from './api/app.js';
import type { KidTalkApp } from './api/types.js';
import type { ServerConfig } from './config/config.js';
import type { ServerSecrets } from './config/secrets.js';
import type { AppContext, ContextOverrides } from './context.js';
import { closeContext, createContext } from './context.js';

export const SHUTDOWN_DEADLINE_MS = 10_000;

export interface KidTalkServer {
  app: KidTalkApp;
  ctx: AppContext;
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
  const app = await buildApp(ctx);
  const url = await app.listen({ port: config.port, host: config.host });
  let stopping: Promise<void> | null = null;
  return {
    app,
    ctx,
    url,
    // Fastify stops accepting, lets in-flight requests finish, then the database closes.
    stop: () => (stopping ??= app.close().then(() => closeContext(ctx))),
  };
}
