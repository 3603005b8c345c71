import { Writable } from 'node:stream';
import { ManualClock } from '../../src/clock.js';
import { buildConfig } from '../../src/config/config.js';
import { readEnv } from '../../src/config/env.js';
import { loadSecrets } from '../../src/config/secrets.js';
import { createLogger } from '../../src/logger.js';
import type { KidTalkServer } from '../../src/server.js';
import { startServer } from '../../src/server.js';
import { DevOutboxSmsProvider } from '../../src/sms/dev-outbox-sms-provider.js';
import type { TestDatabase, TestDialect } from './databases.js';
import { createTestDatabase } from './databases.js';
import type { Harness } from './harness.js';

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
  const rawEnv = readEnv({
    KIDTALK_DATA_DIR: db.dataDir,
    DATABASE_URL: db.url,
    KIDTALK_PORT: '0',
    KIDTALK_HOST: '127.0.0.1',
    KIDTALK_LOG_LEVEL: 'info',
    KIDTALK_PIN_SCRYPT_COST: '12',
    ...env,
  });
  const config = buildConfig(rawEnv);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const logger = createLogger(config, sink);
  const clock = new ManualClock(Date.UTC(2026, 10, 1, 9));
  const outbox = new DevOutboxSmsProvider(`${db.dataDir}/sms-outbox.jsonl`, clock);
  const server = await startServer(config, await loadSecrets(rawEnv, config), logger, {
    clock,
    sms: outbox,
  });
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
    request: (o) =>
      app.inject({
        method: o.method,
        url: o.url,
        remoteAddress: o.ip ?? '203.0.113.7',
        headers: {
          ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
          ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...o.headers,
        },
        ...(o.body !== undefined ? { payload: JSON.stringify(o.body) } : {}),
      }),
    close: async () => {
      await server.stop();
      if (!shared) await db.drop();
    },
  };
}
