import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDriver from 'better-sqlite3';
import type { Transaction } from 'kysely';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { ServerConfig } from '../config/config.js';
import { StaticMigrationProvider } from './migrations/index.js';
import type { DatabaseSchema } from './schema.js';
import type { CheckpointerOptions } from './sqlite-checkpointer.js';
import { SqliteCheckpointer } from './sqlite-checkpointer.js';

export type Dialect = 'sqlite' | 'pg';
/** What stores take: the database itself or an open transaction, so they compose. */
export type DbExecutor = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>;

const INT8_OID = 20;
const MAX_TX_ATTEMPTS = 5;

export class Database {
  /** Told when the driver loses an idle connection; the server logs it. */
  onConnectionError: ((err: Error) => void) | undefined;
  private checkpointer: SqliteCheckpointer | null = null;

  private constructor(
    readonly db: Kysely<DatabaseSchema>,
    readonly dialect: Dialect,
    private readonly sqlite?: SqliteDriver.Database,
  ) {}

  static connect(config: ServerConfig['database']): Database {
    if (config.kind === 'pg') {
      const pool = new pg.Pool({
        connectionString: config.url,
        max: 10,
        // Timestamps are bigint; they fit a JS number for the next 285,000 years.
        types: {
          getTypeParser: (oid: number, format?: 'text' | 'binary') =>
            oid === INT8_OID ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format),
        },
      });
      const database = new Database(new Kysely({ dialect: new PostgresDialect({ pool }) }), 'pg');
      // An idle pooled connection that PostgreSQL terminates (restart, failover, a dropped
      // database) is emitted as 'error' on the pool; unhandled, that kills the process. The
      // pool has already discarded the client, and the next query reports any real outage.
      pool.on('error', (err) => database.onConnectionError?.(err));
      return database;
    }
    if (config.file !== ':memory:') mkdirSync(path.dirname(config.file), { recursive: true });
    const driver = new SqliteDriver(config.file);
    driver.pragma('journal_mode = WAL');
    driver.pragma('synchronous = NORMAL');
    driver.pragma('foreign_keys = ON');
    driver.pragma('busy_timeout = 5000');
    return new Database(
      new Kysely({ dialect: new SqliteDialect({ database: withStatementCache(driver) }) }),
      'sqlite',
      driver,
    );
  }

  async migrateToLatest(): Promise<void> {
    const migrator = new Migrator({
      db: this.db,
      provider: new StaticMigrationProvider(this.dialect),
    });
    const { error } = await migrator.migrateToLatest();
    if (error) throw error;
  }

  /**
   * Runs `fn` in a transaction, retrying when the database says the conflict was transient
   * (SQLite busy from another process, PostgreSQL serialization failure or deadlock).
   */
  async transaction<T>(fn: (tx: Transaction<DatabaseSchema>) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction().execute(fn);
      } catch (err) {
        if (attempt >= MAX_TX_ATTEMPTS || !isTransient(err)) throw err;
        await new Promise((r) => setTimeout(r, 10 * 2 ** attempt * Math.random()));
      }
    }
  }

  /**
   * Synchronous statements on the raw SQLite handle, for the relay's hot path, where building
   * queries cost more than running them. They run while holding Kysely's only connection, so
   * no Kysely transaction can be open around them. Never call this inside `transaction`.
   */
  async withSqlite<T>(fn: (driver: SqliteDriver.Database) => T): Promise<T> {
    const driver = this.sqlite;
    if (!driver) throw new Error('withSqlite on a PostgreSQL database');
    return this.db.connection().execute(async () => fn(driver));
  }

  /**
   * SQLite checkpoints on another thread from now on (a file database only). Inline, the
   * commit that crosses the WAL's threshold copies it into the database and fsyncs: the
   * relay's worst latencies at a steady 2,000 msg/s were those commits.
   */
  startBackgroundCheckpoints(
    onError: (message: string) => void,
    tuning: Pick<CheckpointerOptions, 'intervalMs' | 'capBytes'> = {},
  ): void {
    const driver = this.sqlite;
    if (!driver || driver.memory || this.checkpointer) return;
    driver.pragma('wal_autocheckpoint = 0');
    let emptying = false;
    const checkpointer = SqliteCheckpointer.start({
      ...tuning,
      file: driver.name,
      onError,
      // Holding the only connection pauses every write (asynchronously: the event loop runs
      // on) for as long as the WAL's tail takes to copy.
      onFull: () => {
        if (emptying) return;
        emptying = true;
        void this.db
          .connection()
          .execute(() => checkpointer.truncate())
          .catch((err: unknown) => onError(String(err)))
          .finally(() => (emptying = false));
      },
      onLost: () => {
        onError('the checkpoint thread ended; checkpointing inline again');
        this.checkpointer = null;
        driver.pragma('wal_autocheckpoint = 1000');
      },
    });
    this.checkpointer = checkpointer;
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  async close(): Promise<void> {
    const checkpointer = this.checkpointer;
    this.checkpointer = null;
    await checkpointer?.stop();
    await this.db.destroy();
  }
}

const STATEMENT_CACHE = 1000;

/**
 * Kysely prepares every query afresh, and better-sqlite3's prepare is most of a small query's
 * cost (a profile of the relay put it at a fifth of all CPU). Statements are reusable, so they
 * are kept per SQL text; the oldest go first when the cache is full.
 */
function withStatementCache(driver: SqliteDriver.Database) {
  const cache = new Map<string, SqliteDriver.Statement>();
  return {
    close: () => driver.close(),
    prepare: (text: string) => {
      let stmt = cache.get(text);
      if (stmt) {
        cache.delete(text);
      } else {
        stmt = driver.prepare(text);
        if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, stmt);
      return stmt;
    },
  };
}

export function isTransient(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return (
    code === 'SQLITE_BUSY' ||
    code === 'SQLITE_BUSY_SNAPSHOT' ||
    code === '40001' ||
    code === '40P01'
  );
}

export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === '23505'
  );
}
