import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../src/db/database.js';
import { StaticMigrationProvider } from '../src/db/migrations/index.js';
import { ContactStore } from '../src/stores/contact-store.js';
import type { FriendRequestRow } from '../src/stores/friend-request-store.js';
import type { TestDialect } from './support/databases.js';
import {
  createTestDatabase,
  REDIS_TEST_URL,
  redisAvailable,
  testDialects,
} from './support/databases.js';
import type { LiveServer } from './support/live-server.js';
import { startLiveServer } from './support/live-server.js';
import type { Seeded } from './support/mls-flows.js';
import { seedAccount } from './support/mls-flows.js';
import { httpJson, randomLoopback } from './support/server-process.js';

/**
 * Issue 4: identical friend requests sent at the same moment, one way or both ways, leave one
 * pending request between the pair (migration 003's unique index), and every sender gets the
 * answer a request sent a moment later would get — never a 500. Real HTTP, both dialects.
 */

const DIALECTS = await testDialects();
// With in-process limits a request on SQLite never waits on I/O, so requests cannot interleave;
// Redis limits make them wait on I/O as a deployment does, which gives them the chance.
const REDIS = await redisAvailable();
const BURST = 20;

interface Answer {
  status: number;
  body: { id?: string; status?: string; error?: { code: string } };
}

describe.each(DIALECTS)('racing friend requests on %s', (dialect) => {
  let h: LiveServer;
  // Per-address limits kept in Redis outlive a run: each run comes from its own address.
  const from = randomLoopback();
  beforeAll(async () => {
    h = await startLiveServer(dialect, REDIS ? { REDIS_URL: REDIS_TEST_URL } : {});
  });
  afterAll(async () => h?.close());

  const send = async (who: Seeded, to: Seeded): Promise<Answer> => {
    const res = await httpJson(h.url, {
      method: 'POST',
      path: '/v1/friend-requests',
      token: who.token,
      body: { publicId: to.publicId },
      localAddress: from,
    });
    return res as Answer;
  };
  /** A child account with a guardian, as the sign-up flow would leave them. */
  const family = async () => {
    const guardian = await seedAccount(h);
    const child = await seedAccount(h, 'child');
    await h.ctx.db.db
      .insertInto('guardianships')
      .values({
        child_id: child.accountId,
        guardian_id: guardian.accountId,
        role: 'primary',
        created_at: h.clock.now(),
      })
      .execute();
    return { guardian, child };
  };
  const between = (a: Seeded, b: Seeded, status: FriendRequestRow['status']) =>
    h.ctx.db.db
      .selectFrom('friend_requests')
      .selectAll()
      .where('status', '=', status)
      .where((eb) =>
        eb.or([
          eb.and([eb('from_id', '=', a.accountId), eb('to_id', '=', b.accountId)]),
          eb.and([eb('from_id', '=', b.accountId), eb('to_id', '=', a.accountId)]),
        ]),
      )
      .execute();
  const pendingNotes = async (guardian: Seeded) =>
    (await h.request({ method: 'GET', url: '/v1/notifications', token: guardian.token }))
      .json()
      .notifications.filter((n: { kind: string }) => n.kind === 'friend_request.pending');
  const statuses = (answers: Answer[]) => answers.map((a) => a.status).sort();

  it(`stores one pending request when ${BURST} identical ones race`, async () => {
    const mum = await seedAccount(h);
    const { guardian, child } = await family();
    const answers = await Promise.all(Array.from({ length: BURST }, () => send(mum, child)));
    expect(statuses(answers)).toEqual([...Array<number>(BURST - 1).fill(200), 201]);
    const rows = await between(mum, child, 'pending');
    expect(rows).toHaveLength(1);
    expect(new Set(answers.map((a) => a.body.id))).toEqual(new Set([rows[0]!.id]));
    // Only the stored request reached the child's guardian.
    expect(await pendingNotes(guardian)).toHaveLength(1);
  });

  it('stores one pending request when both directions race, and the later side accepts it', async () => {
    const ann = await seedAccount(h);
    const { child } = await family();
    const answers = await Promise.all(
      Array.from({ length: BURST }, (_, i) => (i % 2 === 0 ? send(ann, child) : send(child, ann))),
    );
    expect(statuses(answers)).toEqual([...Array<number>(BURST - 1).fill(200), 201]);
    const rows = await between(ann, child, 'pending');
    expect(rows).toHaveLength(1);
    // Whichever way it was stored, the other side's requests accepted it, as in sequence.
    expect(rows[0]!.recipient_accepted).toBe(1);
    expect(new Set(answers.map((a) => a.body.id))).toEqual(new Set([rows[0]!.id]));
  });

  it('makes two adults racing both ways contacts once, with typed answers only', async () => {
    const ann = await seedAccount(h);
    const bob = await seedAccount(h);
    const answers = await Promise.all(
      Array.from({ length: BURST }, (_, i) => (i % 2 === 0 ? send(ann, bob) : send(bob, ann))),
    );
    // Once approved, a further request is "already contacts" (409), exactly as in sequence.
    for (const a of answers) expect([200, 201, 409], JSON.stringify(a)).toContain(a.status);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    for (const a of answers.filter((x) => x.status === 409))
      expect(a.body.error?.code).toBe('CONFLICT');
    expect(await between(ann, bob, 'pending')).toHaveLength(0);
    expect(await between(ann, bob, 'approved')).toHaveLength(1);
    expect(
      await new ContactStore(h.ctx.db.db).areApprovedContacts(ann.accountId, bob.accountId),
    ).toBe(true);
  });

  // Over HTTP a request on SQLite runs from its check to its insert without yielding, so only
  // PostgreSQL really races there; calls started in one turn interleave at every query on both.
  it('stores one pending request when the service is called both ways in one turn', async () => {
    const ann = await seedAccount(h);
    const { child } = await family();
    const results = await Promise.allSettled(
      Array.from({ length: BURST }, (_, i) =>
        i % 2 === 0
          ? h.ctx.friendRequests.send(ann.accountId, child.publicId)
          : h.ctx.friendRequests.send(child.accountId, ann.publicId),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const created = results.filter((r) => r.status === 'fulfilled' && r.value.created);
    expect(created).toHaveLength(1);
    expect(await between(ann, child, 'pending')).toHaveLength(1);
  });
});

describe.each(DIALECTS)('migration 003 on %s', (dialect: TestDialect) => {
  it('keeps the oldest of the pending duplicates an earlier race left, and cancels the rest', async () => {
    const testDb = await createTestDatabase(dialect);
    const db = Database.connect(
      dialect === 'pg'
        ? { kind: 'pg', url: testDb.url }
        : { kind: 'sqlite', file: testDb.url.slice('sqlite:'.length) },
    );
    try {
      const migrator = new Migrator({ db: db.db, provider: new StaticMigrationProvider(dialect) });
      const before = await migrator.migrateTo('002-realtime');
      expect(before.error).toBeUndefined();
      for (const id of ['a', 'b', 'c']) {
        await db.db
          .insertInto('accounts')
          .values({
            id,
            kind: 'adult',
            public_id: `PUB${id.toUpperCase()}`,
            display_name: id,
            avatar_builtin: null,
            avatar_blob_id: null,
            phone_e164: null,
            country: null,
            gender: null,
            birthday: null,
            self_friending: 0,
            status: 'active',
            created_at: 0,
            updated_at: 0,
          })
          .execute();
      }
      const request = (id: string, from: string, to: string, createdAt: number) => ({
        id,
        from_id: from,
        to_id: to,
        status: 'pending' as FriendRequestRow['status'],
        recipient_accepted: 0,
        from_guardian_approved: 1,
        to_guardian_approved: 1,
        created_at: createdAt,
        decided_at: null,
      });
      await db.db
        .insertInto('friend_requests')
        .values([
          request('r2', 'a', 'b', 100),
          request('r1', 'a', 'b', 100),
          request('r3', 'b', 'a', 50),
          request('r4', 'a', 'c', 200),
        ])
        .execute();

      await db.migrateToLatest();
      const rows = await db.db
        .selectFrom('friend_requests')
        .select(['id', 'status'])
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        { id: 'r1', status: 'cancelled' },
        { id: 'r2', status: 'cancelled' },
        { id: 'r3', status: 'pending' },
        { id: 'r4', status: 'pending' },
      ]);
      // From now on the database itself refuses a second pending request, either way round,
      // while decided requests of the pair stay as many as there were.
      await expect(
        db.db
          .insertInto('friend_requests')
          .values(request('r5', 'a', 'b', 300))
          .execute(),
      ).rejects.toThrow();
      await db.db
        .insertInto('friend_requests')
        .values({ ...request('r6', 'b', 'a', 300), status: 'declined' })
        .execute();
    } finally {
      await db.close();
      await testDb.drop();
    }
  });
});
