import { Writable } from 'node:stream';
import type { DeviceInfo } from '@kidtalk/protocol';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/api/app.js';
import type { KidTalkApp } from '../../src/api/types.js';
import { ManualClock } from '../../src/clock.js';
import { buildConfig } from '../../src/config/config.js';
import { readEnv } from '../../src/config/env.js';
import { loadSecrets } from '../../src/config/secrets.js';
import type { AppContext } from '../../src/context.js';
import { closeContext, createContext } from '../../src/context.js';
import { createLogger } from '../../src/logger.js';
import { DevOutboxSmsProvider } from '../../src/sms/dev-outbox-sms-provider.js';
import type { TestDatabase, TestDialect } from './databases.js';
import { createTestDatabase } from './databases.js';

export interface Harness {
  app: KidTalkApp;
  ctx: AppContext;
  clock: ManualClock;
  outbox: DevOutboxSmsProvider;
  /** Every log line the server wrote, as raw JSON text. */
  logs: string[];
  dataDir: string;
  request(opts: RequestOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface RequestOptions {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  ip?: string;
}

/** A real server (real database, real HTTP pipeline through inject) with a manual clock. */
export async function startHarness(
  dialect: TestDialect,
  env: Record<string, string> = {},
): Promise<Harness> {
  const db = await createTestDatabase(dialect);
  const { config, secrets, logger, logs, clock, outbox } = await prepareTestServer(db, env);
  const ctx = await createContext(config, secrets, logger, { clock, sms: outbox });
  const app = await buildApp(ctx);
  await app.ready();
  return {
    app,
    ctx,
    clock,
    outbox,
    logs,
    dataDir: db.dataDir,
    request: injector(app),
    close: async () => {
      await app.close();
      await closeContext(ctx);
      await db.drop();
    },
  };
}

export const TEST_DEVICE: DeviceInfo = {
  os: 'Android 15',
  model: 'Pixel 9',
  appVersion: '0.1.0',
  language: 'zh-CN',
  timezone: 'Asia/Shanghai',
  permissions: { camera: 'granted', microphone: 'prompt', photos: 'denied' },
};

/**
 * What every test server shares: config from a fresh database and data dir, a log sink the
 * test can read, a manual clock and the dev SMS outbox.
 */
export async function prepareTestServer(db: TestDatabase, env: Record<string, string>) {
  const rawEnv = readEnv({
    KIDTALK_DATA_DIR: db.dataDir,
    DATABASE_URL: db.url,
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
  return { config, secrets: await loadSecrets(rawEnv, config), logger, logs, clock, outbox };
}

/** Requests through the real Fastify pipeline, from a fixed test address unless told. */
export function injector(app: KidTalkApp) {
  return (o: RequestOptions) =>
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
    });
}
