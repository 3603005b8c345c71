import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { lowerBackgroundThreads } from './background-threads.js';

const MODULE = fileURLToPath(new URL('./background-threads.ts', import.meta.url));

interface Report {
  pid: number;
  workerTid: number;
  before: Record<string, number>;
  after: Record<string, number>;
  first: number;
  second: number;
}

/**
 * Runs lowerBackgroundThreads in a Node process of its own, with a worker thread started
 * (so there is a thread the test knows by ID besides V8's and libuv's), and reports every
 * thread's nice value before and after. Its own process: renicing the test runner's threads
 * would slow the rest of the suite.
 */
async function inChild(nice: number, workerNiceFirst = 0): Promise<Report> {
  const script = `
    import { Worker } from 'node:worker_threads';
    import { readdirSync } from 'node:fs';
    import { getPriority, setPriority } from 'node:os';
    import { lowerBackgroundThreads } from ${JSON.stringify(MODULE)};
    const worker = new Worker(
      \`Promise.all([import('node:worker_threads'), import('node:fs')]).then(([w, fs]) => {
        w.parentPort.postMessage(fs.readlinkSync('/proc/thread-self'));
        setInterval(() => {}, 1000);
      });\`,
      { eval: true },
    );
    const self = await new Promise((resolve) => worker.once('message', resolve));
    const workerTid = Number(self.split('/').pop());
    if (${workerNiceFirst} > 0) setPriority(workerTid, ${workerNiceFirst});
    const nices = () =>
      Object.fromEntries(readdirSync('/proc/self/task').map((t) => [t, getPriority(Number(t))]));
    const before = nices();
    const first = lowerBackgroundThreads(${nice});
    const second = lowerBackgroundThreads(${nice});
    console.log(JSON.stringify({ pid: process.pid, workerTid, before, after: nices(), first, second }));
    process.exit(0);
  `;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { cwd: path.dirname(MODULE), timeout: 30_000 },
  );
  return JSON.parse(stdout) as Report;
}

describe.skipIf(process.platform !== 'linux')('lowerBackgroundThreads (Linux)', () => {
  it('puts every thread but the main one at the nice value, and only once', async () => {
    const r = await inChild(19);
    const others = Object.keys(r.after).filter((t) => Number(t) !== r.pid);
    // V8's platform workers, libuv's pool and the worker thread at least.
    expect(others.length).toBeGreaterThanOrEqual(5);
    expect(others).toContain(String(r.workerTid));
    for (const t of others) expect(r.after[t], `thread ${t}`).toBe(19);
    expect(r.after[String(r.pid)]).toBe(r.before[String(r.pid)]);
    expect(r.after[String(r.pid)]).toBeLessThan(19);
    expect(r.first).toBe(others.filter((t) => r.before[t]! < 19).length);
    expect(r.second).toBe(0);
  });

  it('never lowers a thread that is already nicer', async () => {
    const r = await inChild(10, 19);
    expect(r.after[String(r.workerTid)]).toBe(19);
    const others = Object.keys(r.after).filter(
      (t) => Number(t) !== r.pid && Number(t) !== r.workerTid,
    );
    for (const t of others) expect(r.after[t], `thread ${t}`).toBe(10);
  });

  it('leaves every thread alone at 0', async () => {
    const r = await inChild(0);
    expect(r.after).toEqual(r.before);
    expect(r.first).toBe(0);
  });
});

it('does nothing where there is no per-thread listing', () => {
  const missing = path.join(mkdtempSync(path.join(tmpdir(), 'kidtalk-threads-')), 'task');
  expect(lowerBackgroundThreads(19, process.pid, missing)).toBe(0);
});

it('changes nothing when the calling thread is not in the listing', () => {
  // A /proc from another PID namespace: lowering "everything else" would lower the loop too.
  expect(lowerBackgroundThreads(19, 2 ** 30)).toBe(0);
  expect(lowerBackgroundThreads(19, null)).toBe(0);
});
