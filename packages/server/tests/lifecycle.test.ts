import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import { getPriority } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase, TestDialect } from './support/databases.js';
import { createTestDatabase, testDialects } from './support/databases.js';

/**
 * Process lifecycle of the real server, started exactly as `npm start` starts it:
 * /healthz, /readyz, first start on a fresh clone, and graceful shutdown on SIGTERM
 * (stop accepting, finish in-flight requests, close the database, exit 0 within 10 s).
 */

const DIALECTS = await testDialects();
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BIN = 'packages/server/src/bin/kidtalk-server.ts';
const HOST = '127.0.0.1';
// Generous: a cold tsx start on a busy 2-core machine can take many seconds.
const START_TIMEOUT_MS = 60_000;
const SHUTDOWN_LIMIT_MS = 10_000;

interface LogLine {
  msg?: string;
  req?: { url?: string };
  res?: { statusCode?: number };
  [key: string]: unknown;
}

interface RunningServer {
  proc: ChildProcess;
  port: number;
  dataDir: string;
  logs: LogLine[];
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

const running = new Set<RunningServer>();

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, HOST, resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

/** Spawns `node --import tsx packages/server/src/bin/kidtalk-server.ts` from the repo root. */
async function spawnServer(dataDir: string, databaseUrl: string | null): Promise<RunningServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    // Nothing from the test runner's own configuration may leak into the server under test.
    if (k.startsWith('KIDTALK_') || k === 'DATABASE_URL' || k === 'REDIS_URL') continue;
    if (k === 'NODE_OPTIONS') continue;
    env[k] = v;
  }
  Object.assign(env, {
    KIDTALK_PORT: String(port),
    KIDTALK_HOST: HOST,
    KIDTALK_DATA_DIR: dataDir,
    KIDTALK_LOG_LEVEL: 'info',
  });
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const proc = spawn(process.execPath, ['--import', 'tsx', BIN], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let raw = '';
  let pending = '';
  proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    raw += chunk;
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        // Not a log line; kept in `raw` for diagnostics.
      }
    }
  });
  proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    raw += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>(
    (resolve) => proc.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const server: RunningServer = { proc, port, dataDir, logs, output: () => raw, exited };
  running.add(server);
  void exited.then(() => running.delete(server));
  return server;
}

async function killAll(): Promise<void> {
  for (const s of [...running]) {
    if (s.proc.exitCode === null && s.proc.signalCode === null) s.proc.kill('SIGKILL');
    await s.exited;
  }
}

/** Polls `check` until it returns true; no fixed sleeps where a condition can be watched. */
async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
  server?: RunningServer,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (server && server.proc.exitCode !== null) {
      throw new Error(
        `server exited (${server.proc.exitCode}) while waiting for ${what}:\n${server.output()}`,
      );
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${server ? `:\n${server.output()}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function get(server: RunningServer, url: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`http://${HOST}:${server.port}${url}`, {
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, body: await res.json() };
}

async function waitHealthy(server: RunningServer): Promise<void> {
  await waitFor(
    async () => {
      try {
        return (await get(server, '/healthz')).status === 200;
      } catch {
        return false;
      }
    },
    START_TIMEOUT_MS,
    '/healthz',
    server,
  );
}

/** Opens and at once drops a TCP connection; returns 'connected' or the error code. */
function probeConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect(port, HOST);
    s.once('connect', () => {
      s.destroy();
      resolve('connected');
    });
    s.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

function hasLog(server: RunningServer, pred: (l: LogLine) => boolean): boolean {
  return server.logs.some(pred);
}

describe.each(DIALECTS)('server process on %s', (dialect: TestDialect) => {
  let testDb: TestDatabase;
  let server: RunningServer;
  let freshDataDir: string;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    // A directory that does not exist yet, as on a fresh clone.
    freshDataDir = path.join(testDb.dataDir, 'fresh-clone', 'data');
    // On SQLite, DATABASE_URL is left unset like a bare `npm start`: the default database
    // file under the data directory must then be created.
    server = await spawnServer(freshDataDir, dialect === 'pg' ? testDb.url : null);
    await waitHealthy(server);
  }, START_TIMEOUT_MS + 30_000);

  afterAll(async () => {
    await killAll();
    await testDb?.drop();
  });

  it('answers /healthz', async () => {
    expect(await get(server, '/healthz')).toEqual({ status: 200, body: { ok: true } });
  });

  it('answers /readyz with the database kind', async () => {
    expect(await get(server, '/readyz')).toEqual({ status: 200, body: { ok: true, db: dialect } });
  });

  it('creates the data directory, the database file and a 0600 secrets.json on a fresh start', () => {
    expect(statSync(freshDataDir).isDirectory()).toBe(true);
    const secretsFile = path.join(freshDataDir, 'secrets.json');
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
    const secrets = JSON.parse(readFileSync(secretsFile, 'utf8')) as Record<string, string>;
    expect(Object.keys(secrets).sort()).toEqual([
      'credentialPrivateKey',
      'credentialPublicKey',
      'frankingKey',
      'otpKey',
      'tokenKey',
    ]);
    for (const key of Object.values(secrets)) {
      expect(Buffer.from(key, 'base64').length).toBeGreaterThanOrEqual(32);
    }
    const sqliteFile = path.join(freshDataDir, 'kidtalk.sqlite');
    expect(existsSync(sqliteFile)).toBe(dialect === 'sqlite');
  });

  it.skipIf(process.platform !== 'linux')(
    'runs every thread but the event loop at nice 19, the loop as started',
    async () => {
      const pid = server.proc.pid!;
      const nices = () =>
        readdirSync(`/proc/${pid}/task`).map((t) => [Number(t), getPriority(Number(t))] as const);
      // The server lowers its threads once it listens; /healthz may answer a moment before.
      await waitFor(
        () => nices().every(([tid, nice]) => tid === pid || nice === 19),
        10_000,
        'background threads at nice 19',
        server,
      );
      const threads = nices();
      expect(threads.length).toBeGreaterThanOrEqual(5);
      expect(threads.find(([tid]) => tid === pid)?.[1]).toBe(getPriority(process.pid));
    },
  );

  it('on SIGTERM finishes an in-flight request, refuses new connections and exits 0 within 10 s', async () => {
    // A request whose body arrives slowly is in flight for as long as the test likes,
    // without any test-only code in the server.
    const body = JSON.stringify({ phone: '+8613800138000', purpose: 'sign_in' });
    const half = Math.floor(body.length / 2);
    const sock = net.connect(server.port, HOST);
    let received = '';
    sock.setEncoding('utf8').on('data', (d: string) => (received += d));
    const sockClosed = new Promise<number>((resolve) =>
      sock.once('close', () => resolve(Date.now())),
    );
    sock.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      sock.once('connect', resolve);
      sock.once('error', reject);
    });
    sock.write(
      `POST /v1/auth/otp HTTP/1.1\r\nHost: ${HOST}:${server.port}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: keep-alive\r\n\r\n${body.slice(0, half)}`,
    );
    // The server has started handling it: it is in flight before the signal.
    await waitFor(
      () => hasLog(server, (l) => l.msg === 'incoming request' && l.req?.url === '/v1/auth/otp'),
      20_000,
      'the slow request to reach the server',
      server,
    );

    const signalledAt = Date.now();
    expect(server.proc.kill('SIGTERM')).toBe(true);
    await waitFor(() => hasLog(server, (l) => l.msg === 'shutting down'), 10_000, 'shutdown');
    // Stops accepting: new connections are refused while the old request is still open.
    await waitFor(
      async () => (await probeConnect(server.port)) === 'ECONNREFUSED',
      SHUTDOWN_LIMIT_MS,
      'new connections to be refused',
    );
    expect(received).toBe('');
    expect(server.proc.exitCode).toBeNull();
    expect(hasLog(server, (l) => l.msg === 'request completed')).toBe(false);

    sock.write(body.slice(half));
    const closedAt = await withTimeout(sockClosed, 15_000, 'the in-flight response');
    const [head = '', payload = ''] = received.split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 202 Accepted');
    // The connection is not kept alive past the answer, so it cannot stall the shutdown.
    expect(head.toLowerCase()).toContain('connection: close');
    expect(JSON.parse(payload)).toEqual({ expiresInSec: 600 });

    const exit = await server.exited;
    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeLessThan(SHUTDOWN_LIMIT_MS);
    // The socket was answered and closed by the server before it exited, not by its death.
    expect(closedAt).toBeLessThanOrEqual(exit.at);
    const order = server.logs.map((l) => l.msg);
    expect(order.indexOf('shutting down')).toBeLessThan(order.indexOf('request completed'));
    expect(server.logs.find((l) => l.msg === 'request completed')?.res?.statusCode).toBe(202);
    expect(hasLog(server, (l) => l.msg === 'shutdown deadline passed, exiting')).toBe(false);
  }, 60_000);

  it(
    'exits 0 promptly on SIGTERM when idle keep-alive connections are open',
    async () => {
      const s = await spawnServer(
        path.join(testDb.dataDir, 'idle'),
        dialect === 'pg' ? testDb.url : null,
      );
      await waitHealthy(s);
      // fetch keeps its connection alive after this answer; shutdown must not wait for it.
      expect((await get(s, '/readyz')).status).toBe(200);
      const signalledAt = Date.now();
      s.proc.kill('SIGTERM');
      const exit = await s.exited;
      expect(exit).toMatchObject({ code: 0, signal: null });
      expect(exit.at - signalledAt).toBeLessThan(SHUTDOWN_LIMIT_MS);
    },
    START_TIMEOUT_MS + 30_000,
  );

  // SQLite is a file the process opened once: deleting or renaming it leaves the open handle
  // working, so there is no faithful "database gone" for it; the case is PostgreSQL's.
  it.skipIf(dialect === 'sqlite')(
    'answers /readyz 503 UNAVAILABLE, and keeps running, when the database is gone',
    async () => {
      const own = await createTestDatabase('pg');
      try {
        const s = await spawnServer(own.dataDir, own.url);
        await waitHealthy(s);
        expect(await get(s, '/readyz')).toEqual({ status: 200, body: { ok: true, db: 'pg' } });
        await own.drop(); // `drop database … with (force)` ends the server's connections
        let last: { status: number; body: unknown } | null = null;
        await waitFor(
          async () => {
            // A refused connection means the process died; waitFor then shows its output.
            last = await get(s, '/readyz').catch(() => null);
            return last?.status === 503;
          },
          20_000,
          '/readyz to report the database gone',
          s,
        );
        expect(last).toEqual({
          status: 503,
          body: { error: { code: 'UNAVAILABLE', message: 'database unavailable' } },
        });
        // Liveness is not readiness: the process is alive and says so.
        expect(await get(s, '/healthz')).toEqual({ status: 200, body: { ok: true } });
        expect(s.proc.exitCode).toBeNull();
        s.proc.kill('SIGTERM');
        expect((await s.exited).code).toBe(0);
      } finally {
        await own.drop();
      }
    },
    START_TIMEOUT_MS + 30_000,
  );

  afterEach(async () => {
    // Servers a test started for itself never outlive it; the suite's own one lives until
    // the SIGTERM test ends it (or afterAll kills it).
    for (const s of [...running]) if (s !== server) await killOne(s);
  });
});

async function killOne(s: RunningServer): Promise<void> {
  if (s.proc.exitCode === null && s.proc.signalCode === null) s.proc.kill('SIGKILL');
  await s.exited;
}
