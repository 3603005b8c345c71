import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_DEVICE } from './harness.js';

/**
 * The real server as a child process, started exactly as `npm start` starts it, plus a bare
 * HTTP client for it. Used by the suites that must kill, restart or multiply server processes.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const BIN = 'packages/server/src/bin/kidtalk-server.ts';
export const HOST = '127.0.0.1';
/** A cold tsx start on a busy 2-core machine can take many seconds. */
export const START_TIMEOUT_MS = 60_000;

export interface ServerProcess {
  proc: ChildProcess;
  port: number;
  url: string;
  dataDir: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface SpawnOptions {
  dataDir: string;
  databaseUrl: string;
  redisUrl?: string;
  /** Reuse a port, e.g. to restart a node where its clients expect it. */
  port?: number;
  env?: Record<string, string>;
}

const running = new Set<ServerProcess>();

export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, HOST, resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

export async function spawnServer(o: SpawnOptions): Promise<ServerProcess> {
  const port = o.port ?? (await freePort());
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
    KIDTALK_DATA_DIR: o.dataDir,
    KIDTALK_LOG_LEVEL: 'warn',
    DATABASE_URL: o.databaseUrl,
    ...(o.redisUrl && { REDIS_URL: o.redisUrl }),
    ...o.env,
  });
  const proc = spawn(process.execPath, ['--import', 'tsx', BIN], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let raw = '';
  const keep = (chunk: string) => {
    // Only the tail matters for diagnostics; a long run must not grow the test's memory.
    raw = (raw + chunk).slice(-20_000);
  };
  proc.stdout!.setEncoding('utf8').on('data', keep);
  proc.stderr!.setEncoding('utf8').on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const server: ServerProcess = {
    proc,
    port,
    url: `http://${HOST}:${port}`,
    dataDir: o.dataDir,
    output: () => raw,
    exited,
  };
  running.add(server);
  void exited.then(() => running.delete(server));
  await waitHealthy(server);
  return server;
}

export async function killServer(s: ServerProcess, signal: NodeJS.Signals = 'SIGKILL') {
  if (s.proc.exitCode === null && s.proc.signalCode === null) s.proc.kill(signal);
  await s.exited;
}

/** For afterAll/afterEach: no spawned server outlives its suite. */
export async function killAllServers(): Promise<void> {
  for (const s of [...running]) await killServer(s);
}

/** Polls `check` until true; the timeout is only a guard against a hang. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function waitHealthy(s: ServerProcess): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (s.proc.exitCode !== null || s.proc.signalCode !== null) {
      throw new Error(`server exited while starting:\n${s.output()}`);
    }
    const res = await httpJson(s.url, { method: 'GET', path: '/healthz' }).catch(() => null);
    if (res?.status === 200) return;
    if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface HttpCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  token?: string;
  body?: unknown;
  /**
   * Source address on the loopback network (127.x.y.z). Per-IP limits shared through Redis
   * outlive a test run; a fresh source address per run keeps reruns independent.
   */
  localAddress?: string;
}

export interface HttpAnswer {
  status: number;
  body: unknown;
}

/** node:http rather than fetch: fetch cannot choose its source address. */
export function httpJson(baseUrl: string, c: HttpCall): Promise<HttpAnswer> {
  const payload = c.body === undefined ? undefined : JSON.stringify(c.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(c.path, baseUrl),
      {
        method: c.method,
        agent: false,
        timeout: 20_000,
        ...(c.localAddress && { localAddress: c.localAddress }),
        headers: {
          ...(c.token && { authorization: `Bearer ${c.token}` }),
          ...(payload !== undefined && {
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(payload)),
          }),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d));
        res.on('end', () => {
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            // Not JSON; the raw text is the answer.
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${c.method} ${c.path} timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** A random loopback source address other than 127.0.0.1. */
export function randomLoopback(): string {
  return `127.${randomInt(1, 255)}.${randomInt(1, 255)}.${randomInt(2, 255)}`;
}

/** A valid mainland mobile number, random so that per-phone limits never carry over. */
export function randomPhone(): string {
  return `+86139${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

export interface LiveAccount {
  phone: string;
  token: string;
  accountId: string;
  publicId: string;
}

function expectStatus(res: HttpAnswer, status: number, what: string): void {
  if (res.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** Signs up (or signs in again, as a new device) over real HTTP; the code comes from the outbox. */
export async function signUpOverHttp(
  s: ServerProcess,
  name: string,
  phone = randomPhone(),
  localAddress?: string,
): Promise<LiveAccount> {
  const ip = localAddress ? { localAddress } : {};
  const sent = await httpJson(s.url, {
    method: 'POST',
    path: '/v1/auth/otp',
    body: { phone, purpose: 'sign_in' },
    ...ip,
  });
  expectStatus(sent, 202, 'send OTP');
  const outbox = readFileSync(path.join(s.dataDir, 'sms-outbox.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { to: string; text: string })
    .filter((m) => m.to === phone);
  const code = /(\d{6})/.exec(outbox.at(-1)?.text ?? '')?.[1];
  if (!code) throw new Error(`no code sent to ${phone}`);
  const res = await httpJson(s.url, {
    method: 'POST',
    path: '/v1/auth/sign-in',
    body: { phone, code, displayName: name, device: TEST_DEVICE },
    ...ip,
  });
  expectStatus(res, 200, 'sign in');
  const body = res.body as { token: string; account: { id: string; publicId: string } };
  return { phone, token: body.token, accountId: body.account.id, publicId: body.account.publicId };
}

/** Two adults become contacts through the real friend-request API. */
export async function befriendOverHttp(
  s: ServerProcess,
  a: LiveAccount,
  b: LiveAccount,
  localAddress?: string,
): Promise<void> {
  const req = await httpJson(s.url, {
    method: 'POST',
    path: '/v1/friend-requests',
    token: a.token,
    body: { publicId: b.publicId },
    ...(localAddress && { localAddress }),
  });
  expectStatus(req, 201, 'friend request');
  const id = (req.body as { id: string }).id;
  const acc = await httpJson(s.url, {
    method: 'POST',
    path: `/v1/friend-requests/${id}/accept`,
    token: b.token,
    ...(localAddress && { localAddress }),
  });
  if (acc.status !== 200 && acc.status !== 204) expectStatus(acc, 200, 'accept friend request');
}

/** A direct conversation through the real API; the relay needs only the server record. */
export async function directConversationOverHttp(
  s: ServerProcess,
  a: LiveAccount,
  b: LiveAccount,
  localAddress?: string,
): Promise<string> {
  const res = await httpJson(s.url, {
    method: 'POST',
    path: '/v1/conversations',
    token: a.token,
    body: { kind: 'direct', members: [b.publicId] },
    ...(localAddress && { localAddress }),
  });
  if (res.status !== 200) expectStatus(res, 201, 'create conversation');
  return (res.body as { id: string }).id;
}
