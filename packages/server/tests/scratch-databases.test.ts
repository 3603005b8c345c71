import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createPgDatabase, PG_ADMIN_URL, testDialects } from './support/databases.js';

const hasPg = (await testDialects()).includes('pg');

async function databases(): Promise<string[]> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    const r = await client.query<{ datname: string }>('select datname from pg_database');
    return r.rows.map((x) => x.datname);
  } finally {
    await client.end();
  }
}

describe.runIf(hasPg)('scratch PostgreSQL databases (suites and the bench)', () => {
  it('is a new database on the given server, usable, and gone after drop', async () => {
    const scratch = await createPgDatabase(PG_ADMIN_URL, 'kidtalk_bench');
    const name = new URL(scratch.url).pathname.slice(1);
    expect(name).toMatch(/^kidtalk_bench_[0-9a-f]{12}$/);
    expect(await databases()).toContain(name);
    const client = new pg.Client({ connectionString: scratch.url });
    // The forced drop terminates this connection: expected here, not an error of the test.
    client.on('error', () => undefined);
    await client.connect();
    // An open connection must not keep the drop from happening.
    await client.query('create table t (x int)');
    await scratch.drop();
    await client.end().catch(() => undefined);
    expect(await databases()).not.toContain(name);
  });
});
