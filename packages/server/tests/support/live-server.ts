import type { KidTalkServer } from '../../src/server.js';
import { startServer } from '../../src/server.js';
import type { TestDatabase, TestDialect } from './databases.js';
import { createTestDatabase } from './databases.js';
import type { Harness } from './harness.js';
import { injector, prepareTestServer } from './harness.js';

/**
 * A real server listening on a loopback port (HTTP and WebSocket), on a fresh database.
 * It exposes the same `request` helper as the in-process harness, so the account flows in
 * flows.ts work against it unchanged.
 */
export interface LiveServer extends Harness {
  server: KidTalkServer;
  url: string;
  db: TestDatabase;
}

export async function startLiveServer(
  dialect: TestDialect,
  env: Record<string, string> = {},
  shared?: { db: TestDatabase },
): Promise<LiveServer> {
  const db = shared?.db ?? (await createTestDatabase(dialect));
  const { config, secrets, logger, logs, clock, outbox } = await prepareTestServer(db, {
    KIDTALK_PORT: '0',
    KIDTALK_HOST: '127.0.0.1',
    ...env,
  });
  const server = await startServer(config, secrets, logger, { clock, sms: outbox });
  const app = server.app;
  return {
    server,
    url: server.url,
    db,
    app,
    ctx: server.ctx,
    clock,
    outbox,
    logs,
    dataDir: db.dataDir,
    request: injector(app),
    close: async () => {
      await server.stop();
      if (!shared) await db.drop();
    },
  };
}
