import type { DataExport } from '@kidtalk/protocol';
import { sql } from 'kysely';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { notFound } from '../errors.js';
import type { ExportEntry } from './data-export-plan.js';
import { EXPORT_PLAN } from './data-export-plan.js';

type Cell = string | number | null;
type Row = Record<string, Cell>;

/**
 * Everything held about one account, as machine-readable JSON (P24): a guardian's download of
 * their child's data, or an adult's of their own. Follows EXPORT_PLAN table by table, in one
 * transaction so the sections agree with each other.
 */
export class DataExportService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async export(accountId: string): Promise<DataExport> {
    return this.db.transaction(async (tx) => {
      const account = await tx
        .selectFrom('accounts')
        .select('id')
        .where('id', '=', accountId)
        .executeTakeFirst();
      if (!account) throw notFound('account');
      const devices = (
        await tx.selectFrom('devices').select('id').where('account_id', '=', accountId).execute()
      ).map((d) => d.id);
      const sections: Record<string, Row[]> = {};
      for (const entry of EXPORT_PLAN) {
        const rows = await select(tx, entry, accountId, devices);
        sections[entry.section] = [...(sections[entry.section] ?? []), ...rows];
      }
      return {
        format: 'kidtalk-export-v1',
        accountId,
        exportedAt: this.clock.now(),
        sections,
      };
    });
  }
}

async function select(
  tx: Parameters<Parameters<Database['transaction']>[0]>[0],
  entry: ExportEntry,
  accountId: string,
  devices: string[],
): Promise<Row[]> {
  const conditions = (entry.match ?? []).map((c) => sql`${sql.ref(c)} = ${accountId}`);
  if (entry.matchDevice && devices.length > 0) {
    conditions.push(
      sql`${sql.ref(entry.matchDevice)} in (${sql.join(devices.map((d) => sql`${d}`))})`,
    );
  }
  if (conditions.length === 0) return [];
  const res =
    await sql<Row>`select ${sql.join(entry.columns.map((c) => sql.ref(c)))} from ${sql.table(
      entry.table,
    )} where ${sql.join(conditions, sql` or `)} order by ${sql.ref(entry.columns[0]!)}`.execute(tx);
  return res.rows.map(plain);
}

/** Numbers, strings and nulls only; SQLite may hand back a bigint for a large integer. */
function plain(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    out[k] = typeof v === 'bigint' ? Number(v) : (v as Cell);
  }
  return out;
}
