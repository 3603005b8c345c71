import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbExecutor } from '../src/db/database.js';
import { reusableQuery } from '../src/db/reusable-query.js';
import { testDialects } from './support/databases.js';
import type { Harness } from './support/harness.js';
import { startHarness } from './support/harness.js';
import { seedAccount } from './support/mls-flows.js';

const DIALECTS = await testDialects();

describe.each(DIALECTS)('reusable queries on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(dialect);
  });
  afterAll(async () => {
    await h?.close();
  });

  const fresh = (db: DbExecutor, id: string, kind: 'adult' | 'child') =>
    db.selectFrom('accounts').selectAll().where('id', '=', id).where('kind', '=', kind).execute();

  it('answers as the query built afresh does, for every argument, compiling once', async () => {
    let builds = 0;
    const byIdAndKind = reusableQuery((db, id: string, kind: 'adult' | 'child') => {
      builds++;
      return db.selectFrom('accounts').selectAll().where('id', '=', id).where('kind', '=', kind);
    });
    const db = h.ctx.db.db;
    const [adult, child] = [await seedAccount(h, 'adult'), await seedAccount(h, 'child')];
    for (const [id, kind] of [
      [adult.accountId, 'adult'],
      [child.accountId, 'child'],
      [child.accountId, 'adult'],
      ['nobody', 'adult'],
    ] as const) {
      const rows = await byIdAndKind(db, id, kind);
      expect(rows).toEqual(await fresh(db, id, kind));
    }
    expect((await byIdAndKind(db, adult.accountId, 'adult')).map((r) => r.id)).toEqual([
      adult.accountId,
    ]);
    expect(builds).toBe(1);
  });

  it('keeps the query’s own constants in place around the arguments', async () => {
    const adultById = reusableQuery((db, id: string) =>
      db.selectFrom('accounts').select('id').where('kind', '=', 'adult').where('id', '=', id),
    );
    const [adult, child] = [await seedAccount(h, 'adult'), await seedAccount(h, 'child')];
    expect(await adultById(h.ctx.db.db, adult.accountId)).toEqual([{ id: adult.accountId }]);
    expect(await adultById(h.ctx.db.db, child.accountId)).toEqual([]);
  });

  it('refuses a query that an argument does not bind to, rather than drop the argument', async () => {
    const ignoresIt = reusableQuery((db, _id: string) => db.selectFrom('accounts').select('id'));
    await expect(ignoresIt(h.ctx.db.db, 'x')).rejects.toThrow(/every argument must be bound/);
  });

  it('runs inside a transaction and sees its writes', async () => {
    const byId = reusableQuery((db, id: string) =>
      db.selectFrom('accounts').select('id').where('id', '=', id),
    );
    const a = await seedAccount(h);
    await h.ctx.db.transaction(async (tx) => {
      await tx.deleteFrom('accounts').where('id', '=', a.accountId).execute();
      expect(await byId(tx, a.accountId)).toEqual([]);
    });
    expect(await byId(h.ctx.db.db, a.accountId)).toEqual([]);
  });
});
