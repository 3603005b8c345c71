import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/*
 * The checkpointer's own thread and SQLite connection. PASSIVE checkpoints never wait for the
 * writer, so copying the WAL into the database and its fsync no longer happen inside one of
 * the relay's commits. Under writes that never pause, though, a PASSIVE checkpoint never
 * catches up with the last frame, and only a caught-up WAL is reset: past its cap the thread
 * asks the owner for a moment without writes, in which a TRUNCATE checkpoint empties it.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const Sqlite = require(workerData.driver);
const db = new Sqlite(workerData.file);
db.pragma('busy_timeout = 5000');
const walSize = () => statSync(workerData.file + '-wal', { throwIfNoEntry: false })?.size ?? 0;
const checkpoint = (mode) => {
  try {
    db.pragma('wal_checkpoint(' + mode + ')');
  } catch (err) {
    parentPort.postMessage({ error: String((err && err.message) || err) });
  }
};
let running = true;
const tick = () => {
  if (!running) return;
  checkpoint('PASSIVE');
  if (walSize() > workerData.capBytes) parentPort.postMessage({ full: true });
  setTimeout(tick, workerData.intervalMs);
};
setTimeout(tick, workerData.intervalMs);
parentPort.on('message', (m) => {
  if (m.truncate !== undefined) {
    checkpoint('TRUNCATE');
    parentPort.postMessage({ truncated: m.truncate });
    return;
  }
  running = false;
  checkpoint('TRUNCATE');
  db.close();
  parentPort.postMessage({ stopped: true });
});
`;

interface FromWorker {
  error?: string;
  full?: boolean;
  truncated?: number;
  stopped?: boolean;
}

export interface CheckpointerOptions {
  file: string;
  intervalMs?: number;
  /** WAL size past which the thread asks for a pause in writes to empty it. */
  capBytes?: number;
  onError?: (message: string) => void;
  /** The WAL passed its cap: stop writing, `await truncate()`, then go on. */
  onFull?: () => void;
  /** The thread ended without being asked to: the owner must checkpoint again itself. */
  onLost?: () => void;
}

export class SqliteCheckpointer {
  private stopping = false;
  private nextId = 0;
  private readonly waiting = new Map<number, () => void>();
  private readonly stopped: Promise<void>;

  private constructor(
    private readonly worker: Worker,
    o: CheckpointerOptions,
  ) {
    this.stopped = new Promise<void>((resolve) => {
      worker.on('message', (m: FromWorker) => {
        if (m.error) o.onError?.(m.error);
        if (m.full && !this.stopping) o.onFull?.();
        if (m.truncated !== undefined) this.settle(m.truncated);
        if (m.stopped) resolve();
      });
      worker.on('error', (err) => o.onError?.(err.message));
      worker.on('exit', () => {
        for (const id of [...this.waiting.keys()]) this.settle(id);
        if (!this.stopping) o.onLost?.();
        resolve();
      });
    });
  }

  static start(o: CheckpointerOptions): SqliteCheckpointer {
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        // Resolved here, so the worker loads the same driver whatever its working directory.
        driver: createRequire(import.meta.url).resolve('better-sqlite3'),
        file: o.file,
        intervalMs: o.intervalMs ?? 200,
        capBytes: o.capBytes ?? 64 * 1024 * 1024,
      },
      // The worker needs none of the server's loaders or flags.
      execArgv: [],
    });
    worker.unref();
    return new SqliteCheckpointer(worker, o);
  }

  /** Copies the whole WAL into the database and empties it; call it while nothing writes. */
  truncate(): Promise<void> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.postMessage({ truncate: id });
    });
  }

  /** A last full checkpoint, then the thread ends. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.worker.postMessage({ stop: true });
    await this.stopped;
    await this.worker.terminate();
  }

  private settle(id: number): void {
    this.waiting.get(id)?.();
    this.waiting.delete(id);
  }
}
