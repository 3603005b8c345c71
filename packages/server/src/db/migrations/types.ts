import type { CreateTableBuilder } from 'kysely';
import type { Dialect } from '../database.js';

export function bytes(dialect: Dialect) {
  return dialect === 'pg' ? 'bytea' : 'blob';
}

/** An auto-increasing integer key; spelled differently by each dialect. */
export function autoId<T extends string>(
  table: CreateTableBuilder<T, never>,
  column: string,
  dialect: Dialect,
): CreateTableBuilder<T, string> {
  return dialect === 'pg'
    ? table.addColumn(column, 'bigserial', (c) => c.primaryKey())
    : table.addColumn(column, 'integer', (c) => c.primaryKey().autoIncrement());
}
