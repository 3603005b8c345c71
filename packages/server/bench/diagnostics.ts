import { constants, PerformanceObserver } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/*
 * With KIDTALK_BENCH_MARKS set, the bench writes to stderr what explains its latencies, stamped
 * on the monotonic clock (ms) a V8 CPU profile's timestamps also use (µs), so a server profile
 * (KIDTALK_BENCH_PROFILE) can be cut by phase and a slow moment matched to its cause:
 * - `mark <phase> <µs>` at each phase start;
 * - `generator stall|gc …` for the generator's own pauses, which its latencies include;
 * - `paced slow buckets …`, the worst latency per 100 ms of send time where it passed 15 ms;
 * - the server's own stalls and GC pauses come from `gc-probe.ts`.
 */
export const marksOn = Boolean(process.env.KIDTALK_BENCH_MARKS);

const monoMs = () => Number(process.hrtime.bigint() / 1000n) / 1000;

export function mark(phase: string): void {
  if (marksOn) process.stderr.write(`mark ${phase} ${process.hrtime.bigint() / 1000n}\n`);
}

let gc: (() => void) | undefined;

/** A full collection of this process's heap; exposes V8's `gc` on first use, not at import. */
export function fullGc(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}

const GC_KINDS: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

/** A GC entry's kind: a scavenge and a mark-compact call for different remedies. */
export const gcKind = (e: PerformanceEntry) =>
  GC_KINDS[(e as { detail?: { kind?: number } }).detail?.kind ?? -1] ?? 'other';

/** Reports event-loop stalls over 15 ms and GC pauses over 5 ms of the calling process. */
export function watchStalls(who: string): void {
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (now - last > 15)
      process.stderr.write(
        `${who} stall ${(now - last).toFixed(0)}ms at ${monoMs() - (now - last)}\n`,
      );
    last = now;
  }, 5).unref();
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (e.duration > 5)
        process.stderr.write(
          `${who} gc ${gcKind(e)} ${e.duration.toFixed(1)}ms at ${monoMs() - (performance.now() - e.startTime)}\n`,
        );
  }).observe({ entryTypes: ['gc'] });
}

/** Per 100 ms of send time, the worst latency where it passed 15 ms: a stall shows as a run. */
export function slowBuckets(sentTimes: number[], latencies: number[], start: number): string {
  const worst = new Map<number, number>();
  sentTimes.forEach((t, k) => {
    const b = Math.floor((t - start) / 100);
    worst.set(b, Math.max(worst.get(b) ?? 0, latencies[k]!));
  });
  return [...worst]
    .filter(([, ms]) => ms > 15)
    .map(([b, ms]) => `${b / 10}s:${Math.round(ms)}`)
    .join(' ');
}
