import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import type { Harness } from './support/harness.js';
import { startHarness } from './support/harness.js';
import type { Seeded } from './support/mls-flows.js';
import { addDevice, approve, block, seedAccount } from './support/mls-flows.js';

/** The relay's routing answer: who receives what a member sends, pair rule included. */

const DIALECTS = await testDialects();

describe.each(DIALECTS)('ConversationPolicy (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(dialect);
  });
  afterAll(async () => h?.close());

  async function conversation(members: Seeded[]): Promise<string> {
    const id = `c${Math.random().toString(16).slice(2)}`;
    await h.ctx.db.db
      .insertInto('conversations')
      .values({ id, kind: 'group', epoch: 0, group_info: null, created_by: null, created_at: 0 })
      .execute();
    await h.ctx.db.db
      .insertInto('conversation_members')
      .values(members.map((m) => ({ conversation_id: id, account_id: m.accountId, joined_at: 0 })))
      .execute();
    return id;
  }

  const accountsOf = (r: Awaited<ReturnType<Harness['ctx']['conversationPolicy']['route']>>) =>
    r?.recipients.map((x) => x.accountId).sort();

  it('routes to every allowed member device, the sender’s other devices included', async () => {
    const mum = await seedAccount(h);
    const mumTablet = await addDevice(h, mum);
    const gran = await seedAccount(h);
    const kid = await seedAccount(h, 'child');
    const stranger = await seedAccount(h);
    await approve(h, mum, kid);
    await approve(h, gran, kid);
    const id = await conversation([mum, gran, kid]);
    const route = await h.ctx.conversationPolicy.route(id, mum.accountId);
    expect(accountsOf(route)).toEqual([mum.accountId, gran.accountId, kid.accountId].sort());
    const mine = route!.recipients.find((r) => r.accountId === mum.accountId)!;
    expect(mine.deviceIds.sort()).toEqual([mum.deviceId, mumTablet.deviceId].sort());
    expect(await h.ctx.conversationPolicy.route(id, stranger.accountId)).toBeNull();
    expect(await h.ctx.conversationPolicy.route('nope', mum.accountId)).toBeNull();
    expect(await h.ctx.conversationPolicy.canPost(id, kid.accountId)).toBe(true);
    expect(await h.ctx.conversationPolicy.canPost(id, stranger.accountId)).toBe(false);
  });

  it('drops a child pair that is not approved both ways, and a blocked pair', async () => {
    const mum = await seedAccount(h);
    const gran = await seedAccount(h);
    const kid = await seedAccount(h, 'child');
    await approve(h, mum, kid);
    const id = await conversation([mum, gran, kid]);
    // gran is no contact of kid: neither direction delivers, adults still talk.
    expect(accountsOf(await h.ctx.conversationPolicy.route(id, gran.accountId))).toEqual(
      [gran.accountId, mum.accountId].sort(),
    );
    expect(accountsOf(await h.ctx.conversationPolicy.route(id, kid.accountId))).toEqual(
      [kid.accountId, mum.accountId].sort(),
    );
    await block(h, gran, mum);
    expect(accountsOf(await h.ctx.conversationPolicy.route(id, mum.accountId))).toEqual(
      [kid.accountId, mum.accountId].sort(),
    );
    await block(h, kid, mum);
    expect(accountsOf(await h.ctx.conversationPolicy.route(id, mum.accountId))).toEqual([
      mum.accountId,
    ]);
  });

  it('answers many routes at once, across rounds, exactly as it answers each alone', async () => {
    // A fixed little world: adults and children, some approvals one way or both, two blocks.
    const people = [
      ...(await Promise.all([1, 2, 3, 4, 5].map(() => seedAccount(h)))),
      ...(await Promise.all([1, 2, 3, 4, 5, 6].map(() => seedAccount(h, 'child')))),
    ];
    // people[0..4] are adults, people[5..10] children.
    const p = (i: number) => people[i]!;
    await approve(h, p(0), p(5));
    await approve(h, p(1), p(5));
    await approve(h, p(5), p(6));
    await approve(h, p(2), p(7));
    await approve(h, p(7), p(8));
    await block(h, p(1), p(2));
    await block(h, p(8), p(7));
    const conversations: string[] = [];
    for (let i = 0; i < 10; i++)
      conversations.push(await conversation(people.filter((_, j) => (i + j) % 3 !== 0)));
    // 10 conversations × 11 senders, and a conversation that does not exist: two rounds.
    const keys = [...conversations, 'missing'].flatMap((conversationId) =>
      people.map((who) => ({ conversationId, senderAccountId: who.accountId })),
    );
    expect(keys.length).toBeGreaterThan(100);
    const together = await h.ctx.conversationPolicy.routes(keys);
    const alone = await Promise.all(
      keys.map((k) => h.ctx.conversationPolicy.route(k.conversationId, k.senderAccountId)),
    );
    const view = (rs: typeof together) =>
      rs.map((r) => r?.recipients.map((x) => [x.accountId, [...x.deviceIds].sort()]).sort());
    expect(view(together)).toEqual(view(alone));
    // Not a vacuous match: members and strangers, full and narrowed routes are all in it.
    const sizes = together.map((r) => r?.recipients.length ?? -1);
    expect(sizes).toContain(-1);
    expect(new Set(sizes.filter((n) => n > 0)).size).toBeGreaterThan(2);
  });
});
