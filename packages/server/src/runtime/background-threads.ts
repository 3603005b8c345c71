import { readdirSync, readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/*
 * On a node with one core (a small container, or `taskset` as the benchmark pins it), the
 * event loop shares that core with V8's worker threads (optimizing compiler, concurrent
 * marking, parallel scavenges), libuv's pool and the checkpoint thread. While those run, the
 * kernel gives the loop a share of the core as if they mattered as much, and messages wait:
 * after a start, when V8 compiles the relay's code, that was most of the paced benchmark's
 * p99 (docs/performance.md). At nice 19 their work still gets done, in the loop's idle time,
 * or by the loop itself where V8 needs it done now.
 *
 * Linux keeps a nice value per thread, and setpriority(2) on a thread ID changes only that
 * thread (see its NOTES); elsewhere there is no /proc/self/task and this does nothing.
 */

const TASKS = '/proc/self/task';

/**
 * The calling thread's ID as /proc numbers it. Not `process.pid`: where /proc comes from
 * another PID namespace than the process, the two differ, and the loop would be lowered too.
 */
function ownTid(): number | null {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) ? tid : null;
  } catch {
    return null;
  }
}

/**
 * Called on the event loop's thread: raises every other thread of this process to at least
 * `nice`, and never lowers one that is already higher. Returns how many it changed; where it
 * cannot tell the loop's thread from the others, it changes none.
 */
export function lowerBackgroundThreads(
  nice: number,
  mainTid: number | null = ownTid(),
  tasksDir = TASKS,
): number {
  if (nice <= 0 || mainTid === null) return 0;
  let tids: string[];
  try {
    tids = readdirSync(tasksDir);
  } catch {
    return 0;
  }
  if (!tids.includes(String(mainTid))) return 0;
  let changed = 0;
  for (const entry of tids) {
    const tid = Number(entry);
    if (!Number.isInteger(tid) || tid === mainTid) continue;
    try {
      if (getPriority(tid) >= nice) continue;
      setPriority(tid, nice);
      changed++;
    } catch {
      // The thread ended between the listing and the call.
    }
  }
  return changed;
}

/**
 * Applies `lowerBackgroundThreads` now and then again every `intervalMs`, because libuv and
 * worker threads may start later than the server. The timer keeps no process alive.
 */
export function keepBackgroundThreadsLow(nice: number, intervalMs = 30_000): () => void {
  if (nice <= 0) return () => {};
  // Called on the loop's thread: its ID does not change, so /proc is asked once.
  const loop = ownTid();
  lowerBackgroundThreads(nice, loop);
  const timer = setInterval(() => lowerBackgroundThreads(nice, loop), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
