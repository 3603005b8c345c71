import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestDatabase, TestDialect } from '../../../server/tests/support/databases.js';
import { createTestDatabase } from '../../../server/tests/support/databases.js';
import type {
  HttpCall,
  HttpAnswer,
  ServerProcess,
} from '../../../server/tests/support/server-process.js';
import {
  httpJson,
  killServer,
  spawnServer,
  waitFor,
} from '../../../server/tests/support/server-process.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const WEB_DIST = path.join(ROOT, 'packages/web/dist');

/**
 * Builds packages/web when its dist is missing or older than its sources, as `npm start` does
 * (scripts/build-web.mjs). Vitest's global setup calls it once per run.
 */
export function ensureWebBuilt(): void {
  const run = spawnSync(process.execPath, ['scripts/build-web.mjs'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (run.status !== 0) throw new Error('building packages/web failed');
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) throw new Error('no packages/web/dist');
}

/** The real server, started as `npm start` starts it, serving the built web app. */
export interface WebServer {
  url: string;
  process: ServerProcess;
  db: TestDatabase;
  dialect: TestDialect;
  call(c: HttpCall): Promise<HttpAnswer>;
  close(): Promise<void>;
}

/**
 * A child process on a free loopback port with a temp data dir and a fresh database (SQLite by
 * default). Dev endpoints are on so tests read SMS codes the way the README tells developers.
 */
export async function startWebServer(dialect: TestDialect = 'sqlite'): Promise<WebServer> {
  const db = await createTestDatabase(dialect);
  const proc = await spawnServer({
    dataDir: db.dataDir,
    databaseUrl: db.url,
    env: {
      KIDTALK_DEV_ENDPOINTS: 'true',
      // The lowest cost the config accepts: the PIN is typed many times, the cost is not tested here.
      KIDTALK_PIN_SCRYPT_COST: '10',
    },
  });
  return {
    url: proc.url,
    process: proc,
    db,
    dialect,
    call: (c) => httpJson(proc.url, c),
    close: async () => {
      await killServer(proc, 'SIGTERM');
      await db.drop();
    },
  };
}

/** The newest 6-digit code the dev outbox holds for `phone` (GET /v1/dev/sms-outbox). */
export async function readSmsCode(server: WebServer, phone: string, after = 0): Promise<string> {
  let code: string | undefined;
  await waitFor(
    async () => {
      const res = await server.call({
        method: 'GET',
        path: `/v1/dev/sms-outbox?phone=${encodeURIComponent(phone)}`,
      });
      if (res.status !== 200)
        throw new Error(`sms outbox: ${res.status} ${JSON.stringify(res.body)}`);
      const messages = (res.body as { messages: { text: string; sentAt: number }[] }).messages;
      const last = messages.filter((m) => m.sentAt >= after).at(-1);
      code = /(\d{6})/.exec(last?.text ?? '')?.[1];
      return code !== undefined;
    },
    10_000,
    `an SMS code for ${phone}`,
  );
  return code!;
}

/** Fails with the server's answer when the status is not the expected one. */
export function expectOk<T>(res: HttpAnswer, what: string, status = [200, 201, 204]): T {
  if (!status.includes(res.status)) {
    throw new Error(`${what}: got ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body as T;
}
