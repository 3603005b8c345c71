import type { Logger } from 'pino';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { RetentionPolicy, RetentionRule } from './retention-rules.js';
import { DEFAULT_RETENTION, RETENTION_RULES } from './retention-rules.js';
import { BlobSweeper } from './blob-sweeper.js';

/**
 * The one retention engine: every rule runs on every pass. Safe to run on several nodes at
 * once, since each rule is a single idempotent delete.
 */
export class RetentionJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private readonly sweeper: BlobSweeper | null;

  /** Without a BlobStore, rules delete rows only and files are left for a job that has one. */
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly policy: RetentionPolicy = DEFAULT_RETENTION,
    private readonly rules: RetentionRule[] = RETENTION_RULES,
    private readonly blobs: BlobStore | null = null,
  ) {
    this.sweeper = blobs ? new BlobSweeper(db, blobs, clock) : null;
  }

  async runOnce(): Promise<Record<string, number>> {
    const now = this.clock.now();
    const report: Record<string, number> = {};
    const deleteFiles = async (ids: readonly string[]) => {
      for (const id of ids) await this.blobs?.delete(id);
    };
    for (const rule of this.rules)
      report[rule.name] = await rule.purge(this.db.db, now, this.policy, deleteFiles);
    if (this.sweeper) report['blobs.orphan_files'] = await this.sweeper.sweep();
    const total = Object.values(report).reduce((a, b) => a + b, 0);
    if (total > 0) this.logger.info({ retention: report }, 'retention pass');
    return report;
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.runOnce()
        .catch((err: unknown) => this.logger.error({ err }, 'retention pass failed'))
        .finally(() => (this.running = null));
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops scheduling and waits for a pass in progress, so the database can close safely. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
