import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../src/config/config.js';
import { Database } from '../src/db/database.js';
import { RETENTION_RULES } from '../src/jobs/retention-rules.js';
import type { TestDatabase, TestDialect } from './support/databases.js';
import { createTestDatabase, testDialects } from './support/databases.js';
import type { DataInventory } from './support/inventory.js';
import {
  inventoryProblems,
  liveSchema,
  loadInventory,
  retentionRuleProblems,
} from './support/inventory.js';

const DIALECTS = await testDialects();

function databaseConfig(dialect: TestDialect, url: string): ServerConfig['database'] {
  return dialect === 'pg'
    ? { kind: 'pg', url }
    : { kind: 'sqlite', file: url.slice('sqlite:'.length) };
}

async function migratedDatabase(dialect: TestDialect): Promise<[Database, TestDatabase]> {
  const testDb = await createTestDatabase(dialect);
  const db = Database.connect(databaseConfig(dialect, testDb.url));
  await db.migrateToLatest();
  return [db, testDb];
}

// P32: a data inventory lists every stored field with its purpose and retention; adding a
// table or column without an entry (or leaving an entry for a dropped one) fails here.
describe.each(DIALECTS)('data inventory on %s (P32)', (dialect) => {
  const opened: [Database, TestDatabase][] = [];
  let db: Database;
  beforeAll(async () => {
    opened.push(await migratedDatabase(dialect));
    db = opened[0]![0];
  });
  afterAll(async () => {
    for (const [d, t] of opened) {
      await d.close();
      await t.drop();
    }
  });

  it('lists every live table and column, and nothing that is not live', async () => {
    const live = await liveSchema(db.db as unknown as Kysely<unknown>);
    // The comparison is only meaningful if introspection really saw the schema.
    const names = live.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'accounts',
        'mailbox_entries',
        'kysely_migration',
        'kysely_migration_lock',
      ]),
    );
    expect(live.find((t) => t.name === 'accounts')?.columns).toContain('phone_e164');

    const problems = inventoryProblems(live, loadInventory());
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('reports a column or table added without an inventory entry', async () => {
    const pair = await migratedDatabase(dialect);
    opened.push(pair);
    const scratch = pair[0];
    await sql`alter table accounts add column shoe_size integer`.execute(scratch.db);
    await sql`create table pets (id text primary key, name text)`.execute(scratch.db);

    const problems = inventoryProblems(
      await liveSchema(scratch.db as unknown as Kysely<unknown>),
      loadInventory(),
    );
    expect(problems).toEqual([
      'column accounts.shoe_size is not in docs/data-inventory.json',
      'table pets is not in docs/data-inventory.json (columns: id, name)',
    ]);
  });
});

describe('retention rules in the inventory', () => {
  it('documents every rule the retention job runs, and names no rule it lacks', () => {
    const problems = retentionRuleProblems(
      loadInventory(),
      RETENTION_RULES.map((r) => r.name),
    );
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('reports an undocumented rule and a made-up one', () => {
    const inv = loadInventory();
    inv.tables.accounts!.retentionRules = ['accounts.made_up'];
    expect(retentionRuleProblems(inv, ['otp_challenges.expired', 'pets.old'])).toEqual(
      expect.arrayContaining([
        'table accounts names retention rule accounts.made_up, which the retention job does not have',
        'retention rule pets.old is not named by any table in docs/data-inventory.json',
      ]),
    );
  });
});

describe('inventoryProblems', () => {
  const live = [{ name: 'accounts', columns: ['id', 'phone_e164'] }];
  const good = (): DataInventory => ({
    version: 1,
    tables: {
      accounts: {
        purpose: 'people',
        retention: 'until the account is deleted',
        columns: {
          id: { purpose: 'key', personal: true, retention: 'with the row' },
          phone_e164: {
            purpose: 'sign-in',
            personal: true,
            retention: 'until the account is deleted',
            promises: ['P5'],
          },
        },
      },
    },
  });

  it('accepts an exact inventory', () => {
    expect(inventoryProblems(live, good())).toEqual([]);
  });

  it('reports stale tables and columns', () => {
    const inv = good();
    inv.tables.accounts!.columns.shoe_size = { purpose: 'x', personal: false, retention: 'y' };
    inv.tables.pets = { purpose: 'x', retention: 'y', columns: {} };
    expect(inventoryProblems(live, inv)).toEqual([
      'stale entry: column accounts.shoe_size is not in the live schema',
      'stale entry: table pets is not in the live schema',
    ]);
  });

  it('reports empty purposes and retentions, a non-boolean personal flag and bad promise IDs', () => {
    const inv = good();
    inv.tables.accounts!.retention = ' ';
    const phone = inv.tables.accounts!.columns.phone_e164!;
    phone.purpose = '';
    phone.retention = '';
    (phone as { personal: unknown }).personal = 'yes';
    phone.promises = ['P99'];
    expect(inventoryProblems(live, inv)).toEqual([
      'table accounts: retention is empty',
      'column accounts.phone_e164: purpose is empty',
      'column accounts.phone_e164: retention is empty',
      'column accounts.phone_e164: personal must be a boolean',
      'column accounts.phone_e164: promises must be a list of IDs P1…P33',
    ]);
  });
});
