import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { RetentionPolicy, RetentionRule } from './retention-rules.js';
import { DEFAULT_RETENTION, RETENTION_RULES } from './retention-rules.js';

/**
 * The one retention engine: every rule runs on every pass. Safe to run on several nodes at
 * once, since each rule is a single idempotent delete.
 */
export class RetentionJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly policy: RetentionPolicy = DEFAULT_RETENTION,
    private readonly rules: RetentionRule[] = RETENTION_RULES,
  ) {}

  async runOnce(): Promise<Record<string, number>> {
    const now = this.clock.now();
    const report: Record<string, number> = {};
    for (const rule of this.rules)
      report[rule.name] = await rule.purge(this.db.db, now, this.policy);
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
