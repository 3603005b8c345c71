import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export type GcTotals = Record<string, { n: number; ms: number }>;

export interface SpawnedServer {
  url: string;
  dataDir: string;
  proc: ChildProcess;
  /** The server's cumulative GC pauses by kind (bench/gc-probe.ts). */
  gcStats(): Promise<GcTotals>;
  /** The server's `process.memoryUsage()` right after a full GC (bench/gc-probe.ts). */
  settledMemory(): Promise<NodeJS.MemoryUsage>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The Node flags `npm start` gives the server (the root package.json's start script), so the
 * bench measures the server as it is run. One is `--max-semi-space-size=32`: the relay's
 * young objects live for one batch, and with V8's default 16 MB semi-space, scavenges were
 * 17–24 µs of the server's ~100 µs per message at saturation; at 32 MB they are 7–9 µs, with no
 * growth of RSS per connection (at 64 MB the young generation's growth showed as 32 KB each).
 * The other is `--no-allocation-site-pretenuring`: V8 had moved some of the relay's allocation
 * sites to old space, and those dead old objects kept each turn's young ones alive through the
 * next scavenge (~0.95 MB promoted per paced scavenge, against ~80 KB without it).
 */
function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  const words = pkg.scripts.start.split(/\s+/);
  return words.slice(1, words.indexOf('--import'));
}

export const SERVER_ENTRY = 'packages/server/src/bin/kidtalk-server.ts';
/** The bare durable relay of the peer figures (reference-relay.ts), started the same way. */
export const REFERENCE_ENTRY = 'packages/server/bench/reference-relay.ts';

/**
 * Starts the real server the way `npm start` does, optionally pinned to one core; `entry`
 * swaps in the reference relay with the same flags, pinning and probes.
 */
export async function spawnServer(
  env: Record<string, string>,
  cpu?: number,
  dataDir = mkdtempSync(path.join(tmpdir(), 'kidtalk-bench-')),
  entry = SERVER_ENTRY,
): Promise<SpawnedServer> {
  const port = await freePort();
  // `KIDTALK_BENCH_PROFILE=dir` writes a V8 CPU profile of the server to dir on exit;
  // `KIDTALK_BENCH_NODE_ARGS` adds Node flags (say `--heap-prof --heap-prof-dir=dir`).
  const profile = process.env.KIDTALK_BENCH_PROFILE;
  const args = [
    ...startFlags(),
    ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
    ...(process.env.KIDTALK_BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
    '--import',
    'tsx',
    '--import',
    './packages/server/bench/gc-probe.ts',
    entry,
  ];
  const [cmd, argv] =
    cpu === undefined ? ['node', args] : ['taskset', ['-c', String(cpu), 'node', ...args]];
  const proc = spawn(cmd, argv, {
    cwd: ROOT,
    env: {
      ...process.env,
      KIDTALK_PORT: String(port),
      KIDTALK_HOST: '127.0.0.1',
      KIDTALK_DATA_DIR: dataDir,
      KIDTALK_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline || proc.exitCode !== null) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  // The probe (gc-probe.ts) answers a signal by writing a file: wait for a new one, then read
  // it until it parses (a write may be under way at the first sight of the new mtime).
  const ask = async <T>(signal: NodeJS.Signals, name: string): Promise<T> => {
    const file = path.join(dataDir, name);
    const before = statSync(file, { throwIfNoEntry: false })?.mtimeMs;
    proc.kill(signal);
    for (let i = 0; ; i++) {
      const at = statSync(file, { throwIfNoEntry: false })?.mtimeMs;
      if (at !== undefined && at !== before) break;
      // An old answer read as a new one would put a wrong figure in the results unnoticed.
      if (i >= 500) throw new Error(`the benchmarked server did not answer ${signal}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    for (let i = 0; ; i++) {
      try {
        return JSON.parse(readFileSync(file, 'utf8')) as T;
      } catch (err) {
        if (i >= 100) throw err;
        await new Promise((r) => setTimeout(r, 10));
      }
    }
  };
  return {
    url,
    dataDir,
    proc,
    gcStats: () => ask<GcTotals>('SIGUSR2', 'gc-stats.json'),
    settledMemory: () => ask<NodeJS.MemoryUsage>('SIGHUP', 'memory.json'),
    stop: () =>
      new Promise((resolve) => {
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}
