import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';

export type TestDialect = 'sqlite' | 'pg';

export const PG_ADMIN_URL =
  process.env.KIDTALK_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_TEST_URL = process.env.KIDTALK_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function pgReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Every integration suite runs on both dialects. Under CI a missing PostgreSQL is a
 * failure, never a silent skip; on a laptop without it, only SQLite runs.
 */
export async function testDialects(): Promise<TestDialect[]> {
  if (await pgReachable()) return ['sqlite', 'pg'];
  if (process.env.CI === 'true') {
    throw new Error(`PostgreSQL is required under CI=true but ${PG_ADMIN_URL} does not answer`);
  }
  return ['sqlite'];
}

/** Whether the test Redis answers; under CI a missing Redis is a failure, as for PostgreSQL. */
export async function redisAvailable(): Promise<boolean> {
  const r = new Redis(REDIS_TEST_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  try {
    await r.connect();
    await r.ping();
    return true;
  } catch (err) {
    if (process.env.CI === 'true')
      throw new Error('Redis is required under CI=true', { cause: err });
    return false;
  } finally {
    r.disconnect();
  }
}

export interface TestDatabase {
  url: string;
  dataDir: string;
  drop(): Promise<void>;
}

/** A fresh, empty database per suite: a temp SQLite file, or a new PostgreSQL database. */
export async function createTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kidtalk-test-'));
  if (dialect === 'sqlite') {
    return {
      url: `sqlite:${path.join(dataDir, 'test.sqlite')}`,
      dataDir,
      drop: async () => undefined,
    };
  }
  return { ...(await createPgDatabase(PG_ADMIN_URL, 'kidtalk_t')), dataDir };
}

/**
 * A new, empty PostgreSQL database on the server `serverUrl` names, dropped by `drop` even
 * while connections to it are open. The bench uses it too: it seeds a thousand accounts, which
 * must not land in whatever database the operator's URL names.
 */
export async function createPgDatabase(
  serverUrl: string,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}
