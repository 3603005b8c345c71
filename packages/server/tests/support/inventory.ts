import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';

/** docs/data-inventory.json: every stored table and column with purpose and retention (P32). */
export const INVENTORY_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../docs/data-inventory.json',
);

export interface InventoryColumn {
  purpose: string;
  personal: boolean;
  retention: string;
  promises?: string[];
}

export interface InventoryTable {
  purpose: string;
  retention: string;
  /** Names of the retention job's rules (src/jobs/retention-rules.ts) that purge this table. */
  retentionRules?: string[];
  columns: Record<string, InventoryColumn>;
}

export interface DataInventory {
  version: number;
  tables: Record<string, InventoryTable>;
}

export interface LiveTable {
  name: string;
  columns: string[];
}

export function loadInventory(file = INVENTORY_FILE): DataInventory {
  return JSON.parse(readFileSync(file, 'utf8')) as DataInventory;
}

/** Every table and view the database really has, Kysely's own migration tables included. */
export async function liveSchema(db: Kysely<unknown>): Promise<LiveTable[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  return tables.map((t) => ({ name: t.name, columns: t.columns.map((c) => c.name) }));
}

const PROMISE_ID = /^P(?:[1-9]|[12][0-9]|3[0-3])$/;

function blank(v: unknown): boolean {
  return typeof v !== 'string' || v.trim() === '';
}

/**
 * Compares the live schema with the inventory both ways. Returns one human-readable problem
 * per missing, incomplete or stale entry; an empty list means the inventory is exact.
 */
export function inventoryProblems(live: LiveTable[], inventory: DataInventory): string[] {
  const problems: string[] = [];
  if (inventory.version !== 1) problems.push(`inventory version must be 1`);
  const entries = inventory.tables ?? {};
  const liveNames = new Set(live.map((t) => t.name));

  for (const table of live) {
    const entry = entries[table.name];
    if (!entry) {
      problems.push(
        `table ${table.name} is not in docs/data-inventory.json (columns: ${table.columns.join(', ')})`,
      );
      continue;
    }
    if (blank(entry.purpose)) problems.push(`table ${table.name}: purpose is empty`);
    if (blank(entry.retention)) problems.push(`table ${table.name}: retention is empty`);
    const cols = entry.columns ?? {};
    for (const name of table.columns) {
      const col = cols[name];
      const where = `column ${table.name}.${name}`;
      if (!col) {
        problems.push(`${where} is not in docs/data-inventory.json`);
        continue;
      }
      if (blank(col.purpose)) problems.push(`${where}: purpose is empty`);
      if (blank(col.retention)) problems.push(`${where}: retention is empty`);
      if (typeof col.personal !== 'boolean') problems.push(`${where}: personal must be a boolean`);
      if (col.promises !== undefined) {
        if (!Array.isArray(col.promises) || col.promises.some((p) => !PROMISE_ID.test(p))) {
          problems.push(`${where}: promises must be a list of IDs P1…P33`);
        }
      }
    }
    for (const name of Object.keys(cols)) {
      if (!table.columns.includes(name)) {
        problems.push(`stale entry: column ${table.name}.${name} is not in the live schema`);
      }
    }
  }
  for (const name of Object.keys(entries)) {
    if (!liveNames.has(name)) problems.push(`stale entry: table ${name} is not in the live schema`);
  }
  return problems;
}

/** Every retention rule the job runs is documented on a table, and no table names a rule that does not exist. */
export function retentionRuleProblems(inventory: DataInventory, ruleNames: string[]): string[] {
  const problems: string[] = [];
  const referenced = new Set<string>();
  for (const [table, entry] of Object.entries(inventory.tables ?? {})) {
    for (const rule of entry.retentionRules ?? []) {
      referenced.add(rule);
      if (!ruleNames.includes(rule)) {
        problems.push(
          `table ${table} names retention rule ${rule}, which the retention job does not have`,
        );
      }
    }
  }
  for (const rule of ruleNames) {
    if (!referenced.has(rule)) {
      problems.push(`retention rule ${rule} is not named by any table in docs/data-inventory.json`);
    }
  }
  return problems;
}
