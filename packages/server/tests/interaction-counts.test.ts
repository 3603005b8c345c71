import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InteractionCounter } from '../src/services/interaction-counter.js';
import { testDialects } from './support/databases.js';
import type { Harness } from './support/harness.js';
import { startHarness } from './support/harness.js';
import { seedAccount } from './support/mls-flows.js';

const DIALECTS = await testDialects();

describe.each(DIALECTS)('interaction counts on %s', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(dialect);
  });
  afterAll(async () => {
    await h?.close();
  });

  const countOf = async (account: string, peer: string) =>
    (
      await h.ctx.db.db
        .selectFrom('interaction_counts')
        .select('count')
        .where('account_id', '=', account)
        .where('peer_id', '=', peer)
        .executeTakeFirst()
    )?.count;

  it('adds up across flushes, one row per pair and feature', async () => {
    const counter = new InteractionCounter(h.ctx.db, h.clock, h.ctx.logger);
    const [a, b] = [await seedAccount(h), await seedAccount(h)];
    for (let i = 0; i < 3; i++) counter.count(a.accountId, b.accountId, 'message');
    await counter.flush();
    counter.count(a.accountId, b.accountId, 'message');
    await counter.flush();
    expect(await countOf(a.accountId, b.accountId)).toBe(4);
    expect(await countOf(b.accountId, a.accountId)).toBeUndefined();
    // Nothing counted since: the flushes that drop the idle entry write nothing again.
    await counter.flush();
    await counter.flush();
    expect(await countOf(a.accountId, b.accountId)).toBe(4);
    counter.count(a.accountId, b.accountId, 'message');
    await counter.flush();
    expect(await countOf(a.accountId, b.accountId)).toBe(5);
  });

  it('keeps everyone else’s counts when an account in the batch was deleted meanwhile', async () => {
    const counter = new InteractionCounter(h.ctx.db, h.clock, h.ctx.logger);
    const [a, b, gone] = [await seedAccount(h), await seedAccount(h), await seedAccount(h)];
    counter.count(a.accountId, b.accountId, 'message');
    counter.count(gone.accountId, a.accountId, 'message');
    counter.count(b.accountId, a.accountId, 'call');
    await h.ctx.db.db.deleteFrom('accounts').where('id', '=', gone.accountId).execute();
    await counter.flush();
    expect(await countOf(a.accountId, b.accountId)).toBe(1);
    expect(await countOf(b.accountId, a.accountId)).toBe(1);
    expect(await countOf(gone.accountId, a.accountId)).toBeUndefined();
  });

  it('writes a flush larger than one chunk once each, around an account deleted meanwhile', async () => {
    const counter = new InteractionCounter(h.ctx.db, h.clock, h.ctx.logger);
    const accounts = await Promise.all(Array.from({ length: 16 }, () => seedAccount(h)));
    const ids = accounts.map((a) => a.accountId);
    const gone = ids[7]!;
    // 16 × 15 pairs × 2 features: several chunks, one of them holding the deleted account.
    for (const a of ids)
      for (const b of ids)
        if (a !== b) {
          counter.count(a, b, 'message');
          counter.count(a, b, 'message');
          counter.count(a, b, 'call');
        }
    await h.ctx.db.db.deleteFrom('accounts').where('id', '=', gone).execute();
    await counter.flush();
    const rows = await h.ctx.db.db
      .selectFrom('interaction_counts')
      .select(['account_id', 'peer_id', 'feature', 'count'])
      .where('account_id', 'in', ids)
      .execute();
    const live = ids.filter((id) => id !== gone);
    expect(rows).toHaveLength(live.length * (live.length - 1) * 2);
    for (const r of rows) expect(r.count).toBe(r.feature === 'message' ? 2 : 1);
  });
});
