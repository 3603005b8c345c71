import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { fullGc, gcKind, marksOn, watchStalls } from './diagnostics.js';

/*
 * Loaded into the benchmarked server with `--import` (never into `npm start`): where the
 * server's time goes that a CPU profile shows only as "(garbage collector)".
 * - On SIGHUP, a full GC and then `process.memoryUsage()`, written to <data dir>/memory.json.
 * - GC pauses by kind, cumulative, written to <data dir>/gc-stats.json on SIGUSR2, so the
 *   bench can take the difference over one phase.
 * - With KIDTALK_BENCH_HEAP=dir, a sampling heap profile that keeps the objects minor and major
 *   GCs collected, i.e. what the server allocates and by which function, written to
 *   dir/server.heapprofile on SIGTERM (open it in Chrome DevTools, Memory tab). With
 *   KIDTALK_BENCH_HEAP_SURVIVORS=1 it keeps only what scavenges did not collect and ends with
 *   the paced phase; with KIDTALK_BENCH_HEAP_SURVIVORS=paced it also starts with that phase.
 */
if (marksOn) watchStalls('server');

const totals: Record<string, { n: number; ms: number }> = {};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const t = (totals[gcKind(e)] ??= { n: 0, ms: 0 });
    t.n++;
    t.ms += e.duration;
  }
}).observe({ entryTypes: ['gc'] });

const dataDir = process.env.KIDTALK_DATA_DIR ?? '.';
process.on('SIGUSR2', () => {
  writeFileSync(path.join(dataDir, 'gc-stats.json'), JSON.stringify(totals));
});

// A full collection, then `process.memoryUsage()`, on SIGHUP: memory per connection is
// measured between two settled states (all clients connected, all gone), not against whatever
// garbage was waiting for a collection.
process.on('SIGHUP', () => {
  fullGc();
  // What closed sockets and their buffers hold is only freed once their finalizers have run,
  // after the first collection: read after one, the figure swung from 3 to 37 KB per
  // connection; after a pause and a second, it reads the same in every run.
  setTimeout(() => {
    fullGc();
    writeFileSync(path.join(dataDir, 'memory.json'), JSON.stringify(process.memoryUsage()));
  }, 500);
});

const heapDir = process.env.KIDTALK_BENCH_HEAP;
if (heapDir) {
  const survivors = process.env.KIDTALK_BENCH_HEAP_SURVIVORS;
  const session = new Session();
  session.connect();
  session.post('HeapProfiler.enable');
  const start = () =>
    session.post('HeapProfiler.startSampling', {
      samplingInterval: 4096,
      includeObjectsCollectedByMajorGC: true,
      // KIDTALK_BENCH_HEAP_SURVIVORS leaves out what scavenges collect: what is left is what
      // each scavenge had to copy, the part of a minor GC's pause that grows with the load.
      includeObjectsCollectedByMinorGC: !survivors,
    });
  const stop = () =>
    session.post('HeapProfiler.stopSampling', (err, r) => {
      if (!err) writeFileSync(path.join(heapDir, 'server.heapprofile'), JSON.stringify(r.profile));
    });
  if (!survivors) {
    start();
    // Before the server's own SIGTERM handler: the session answers synchronously.
    process.once('SIGTERM', stop);
  } else {
    // The bench asks for GC totals (SIGUSR2) as the paced phase starts and as it ends. A
    // survivor profile ends with that phase, so the saturating phase's thousands in flight stay
    // out of it; with `paced` it also starts with it, leaving start-up and the ramp out.
    let asks = 0;
    if (survivors !== 'paced') start();
    process.on('SIGUSR2', () => {
      asks++;
      if (asks === 1 && survivors === 'paced') start();
      if (asks === 2) stop();
    });
  }
}
