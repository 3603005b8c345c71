import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthContext } from '../src/services/auth-context.js';
import { ContactStore } from '../src/stores/contact-store.js';
import { testDialects } from './support/databases.js';
import type { Harness } from './support/harness.js';
import { startHarness } from './support/harness.js';
import type { Seeded } from './support/mls-flows.js';
import { approve, block, createConversation, seedAccount } from './support/mls-flows.js';

/**
 * Issue 4's invariant: in a conversation with a child, every pair that includes the child is
 * an approved contact pair — on create, on add, and after every revocation or block.
 */

const DIALECTS = await testDialects();
const GRAPHS = 200;

describe.each(DIALECTS)('conversations (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(dialect);
  });
  afterAll(async () => h?.close());

  it('refuses a child with a non-contact, lets adults meet freely', async () => {
    const mum = await seedAccount(h);
    const stranger = await seedAccount(h);
    const kid = await seedAccount(h, 'child');
    await approve(h, mum, kid);
    const refused = await createConversation(h, stranger, [kid], 'direct');
    expect(refused.statusCode).toBe(404);
    const missing = await h.request({
      method: 'POST',
      url: '/v1/conversations',
      token: stranger.token,
      body: { kind: 'direct', members: ['ZZZZZZZZZ'] },
    });
    expect(refused.body).toBe(missing.body);
    expect((await createConversation(h, mum, [stranger], 'direct')).statusCode).toBe(201);
    const direct = await createConversation(h, mum, [kid], 'direct');
    expect(direct.statusCode).toBe(201);
    // The same pair's 1:1 is returned, not duplicated.
    const again = await createConversation(h, kid, [mum], 'direct');
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(direct.json().id);
  });

  it('refuses a group with two children who are not contacts, on create and on add', async () => {
    const mum = await seedAccount(h);
    const kidA = await seedAccount(h, 'child');
    const kidB = await seedAccount(h, 'child');
    const gran = await seedAccount(h);
    await approve(h, mum, kidA);
    await approve(h, mum, kidB);
    const both = await createConversation(h, mum, [kidA, kidB]);
    expect(both.statusCode).toBe(403);
    const group = await createConversation(h, mum, [kidA]);
    expect(group.statusCode, group.body).toBe(201);
    const id = group.json().id;
    const add = (who: Seeded, target: Seeded) =>
      h.request({
        method: 'POST',
        url: `/v1/conversations/${id}/members`,
        token: who.token,
        body: { publicIds: [target.publicId] },
      });
    expect((await add(mum, kidB)).statusCode).toBe(403);
    expect((await add(mum, gran)).statusCode).toBe(403); // gran is no contact of kidA
    await approve(h, kidA, kidB);
    expect((await add(mum, kidB)).statusCode).toBe(200);
    // A non-member cannot even tell the conversation exists.
    const probe = await add(gran, gran);
    const none = await h.request({
      method: 'POST',
      url: `/v1/conversations/${'0'.repeat(32)}/members`,
      token: gran.token,
      body: { publicIds: [gran.publicId] },
    });
    expect(probe.statusCode).toBe(404);
    expect(probe.body).toBe(none.body);
  });

  it('lets members leave, the creator remove, and a guardian take their child out', async () => {
    const mum = await seedAccount(h);
    const dad = await seedAccount(h);
    const kid = await seedAccount(h, 'child');
    await approve(h, mum, kid);
    await approve(h, dad, kid);
    await h.ctx.db.db
      .insertInto('guardianships')
      .values({
        child_id: kid.accountId,
        guardian_id: dad.accountId,
        role: 'primary',
        created_at: 0,
      })
      .execute();
    const friend = await seedAccount(h);
    await approve(h, kid, friend);
    const id = (await createConversation(h, mum, [kid, friend])).json().id;
    const del = (who: Seeded, target: Seeded) =>
      h.request({
        method: 'DELETE',
        url: `/v1/conversations/${id}/members/${target.publicId}`,
        token: who.token,
      });
    expect((await del(friend, mum)).statusCode).toBe(403); // not the creator
    expect((await del(dad, friend)).statusCode).toBe(404); // not a member, not friend's guardian
    expect((await del(dad, kid)).statusCode).toBe(200); // guardian, though not a member
    expect((await del(friend, friend)).statusCode).toBe(200);
    const view = await h.request({
      method: 'GET',
      url: `/v1/conversations/${id}`,
      token: mum.token,
    });
    expect(view.json().members.map((m: { accountId: string }) => m.accountId)).toEqual([
      mum.accountId,
    ]);
  });

  it(`keeps the pair invariant over ${GRAPHS} random contact graphs`, async () => {
    const seed = Number(process.env.KIDTALK_TEST_SEED ?? Math.floor(Math.random() * 2 ** 31));
    try {
      for (let g = 0; g < GRAPHS; g++) await randomGraph(h, mulberry32(seed + g));
    } catch (err) {
      throw new Error(`randomized invariant failed; reproduce with KIDTALK_TEST_SEED=${seed}`, {
        cause: err,
      });
    }
  }, 240_000);
});

async function randomGraph(h: Harness, rnd: () => number): Promise<void> {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const people: Seeded[] = [];
  const n = 3 + Math.floor(rnd() * 4);
  for (let i = 0; i < n; i++) people.push(await seedAccount(h, rnd() < 0.45 ? 'child' : 'adult'));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (rnd() < 0.55) await approve(h, people[i]!, people[j]!);
      if (rnd() < 0.08) await block(h, people[i]!, people[j]!);
    }
  }
  const convs: string[] = [];
  for (let step = 0; step < 10; step++) {
    const roll = rnd();
    const actor = pick(people);
    const auth: AuthContext = {
      accountId: actor.accountId,
      kind: actor.kind,
      sessionId: 'test',
      deviceId: actor.deviceId,
    };
    if (roll < 0.35) {
      const others = people.filter((p) => p !== actor && rnd() < 0.4);
      if (others.length === 0) others.push(pick(people.filter((p) => p !== actor)));
      const kind = others.length === 1 && rnd() < 0.5 ? 'direct' : 'group';
      const expected = await admissible(h, actor, [actor], others);
      const ok = await succeeds(
        h.ctx.conversations.create(
          auth,
          kind,
          others.map((o) => o.publicId),
        ),
        (r) => convs.push(r.view.id),
      );
      expect(ok, `create by ${actor.kind}`).toBe(expected);
    } else if (roll < 0.65 && convs.length > 0) {
      const id = pick(convs);
      const members = await memberIds(h, id);
      if (!members.includes(actor.accountId)) continue;
      const conv = await h.ctx.db.db
        .selectFrom('conversations')
        .select('kind')
        .where('id', '=', id)
        .executeTakeFirst();
      const target = pick(people.filter((p) => !members.includes(p.accountId)).concat([actor]));
      if (target === actor || conv?.kind !== 'group') continue;
      const existing = people.filter((p) => members.includes(p.accountId));
      const expected = await admissible(h, actor, existing, [target]);
      const ok = await succeeds(h.ctx.conversations.addMembers(auth, id, [target.publicId]));
      expect(ok, `add ${target.kind} by ${actor.kind}`).toBe(expected);
    } else {
      const a = pick(people);
      const b = pick(people.filter((p) => p !== a));
      if (rnd() < 0.7) await new ContactStore(h.ctx.db.db).removePair(a.accountId, b.accountId);
      else await block(h, a, b).catch(() => undefined); // already blocked
      await h.ctx.contactEvents.severed(a.accountId, b.accountId);
    }
    await assertInvariant(h, people);
  }
}

/** The rule restated independently of the service: every new pair child-safe, actor unblocked. */
async function admissible(h: Harness, actor: Seeded, existing: Seeded[], added: Seeded[]) {
  const contacts = new ContactStore(h.ctx.db.db);
  const blocked = async (a: Seeded, b: Seeded) =>
    (await h.ctx.db.db
      .selectFrom('blocks')
      .select('blocker_id')
      .where((eb) =>
        eb.or([
          eb.and([eb('blocker_id', '=', a.accountId), eb('blocked_id', '=', b.accountId)]),
          eb.and([eb('blocker_id', '=', b.accountId), eb('blocked_id', '=', a.accountId)]),
        ]),
      )
      .executeTakeFirst()) !== undefined;
  for (const t of added) if (await blocked(actor, t)) return false;
  const all = [...existing, ...added];
  for (const t of added) {
    for (const o of all) {
      if (o === t || (o.kind === 'adult' && t.kind === 'adult')) continue;
      if (!(await contacts.areApprovedContacts(o.accountId, t.accountId))) return false;
    }
  }
  return true;
}

async function assertInvariant(h: Harness, people: Seeded[]): Promise<void> {
  const ids = people.map((p) => p.accountId);
  const rows = await h.ctx.db.db
    .selectFrom('conversation_members')
    .select(['conversation_id', 'account_id'])
    .where('account_id', 'in', ids)
    .execute();
  const byConv = new Map<string, string[]>();
  for (const r of rows)
    byConv.set(r.conversation_id, [...(byConv.get(r.conversation_id) ?? []), r.account_id]);
  const contacts = new ContactStore(h.ctx.db.db);
  const kindOf = new Map(people.map((p) => [p.accountId, p.kind]));
  for (const [conv, members] of byConv) {
    for (let i = 0; i < members.length; i++) {
      for (let j = i + 1; j < members.length; j++) {
        const [a, b] = [members[i]!, members[j]!];
        if (kindOf.get(a) === 'adult' && kindOf.get(b) === 'adult') continue;
        const ok = await contacts.areApprovedContacts(a, b);
        expect(ok, `conversation ${conv} holds an unapproved pair with a child`).toBe(true);
      }
    }
  }
}

async function memberIds(h: Harness, id: string): Promise<string[]> {
  const rows = await h.ctx.db.db
    .selectFrom('conversation_members')
    .select('account_id')
    .where('conversation_id', '=', id)
    .execute();
  return rows.map((r) => r.account_id);
}

/** True when the call succeeded; false for a refusal (a DomainError); anything else throws. */
async function succeeds<T>(p: Promise<T>, then?: (r: T) => void): Promise<boolean> {
  try {
    // Awaited first: an optional call skips evaluating its arguments when `then` is absent.
    const r = await p;
    then?.(r);
    return true;
  } catch (err) {
    if ((err as Error).name === 'DomainError') return false;
    throw err;
  }
}

function mulberry32(a: number): () => number {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
