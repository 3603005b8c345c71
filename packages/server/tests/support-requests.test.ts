import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '../src/services/working-days.js';
import { testDialects } from './support/databases.js';
import type { Adult } from './support/flows.js';
import { signUpAdult } from './support/flows.js';
import type { Harness } from './support/harness.js';
import { startHarness } from './support/harness.js';
import type { Seeded } from './support/mls-flows.js';
import { seedAccount } from './support/mls-flows.js';
import { rowCount } from './support/realtime-flows.js';

/** P10, P33: support requests are stored, tracked, and due 15 working days out. */
const DIALECTS = await testDialects();

describe.each(DIALECTS)('support requests on %s', (dialect) => {
  let h: Harness;
  let mum: Adult;
  let kid: Seeded;

  beforeAll(async () => {
    h = await startHarness(dialect);
    mum = await signUpAdult(h);
    kid = await seedAccount(h, 'child');
  });
  afterAll(() => h.close());

  const ask = (token: string, body: unknown) =>
    h.request({ method: 'POST', url: '/v1/support', token, body });

  it('stores a request with a due date 15 working days out, listed to its author only', async () => {
    // Friday 6 November 2026, 10:00 UTC: 15 working days later is Friday 27 November.
    h.clock.advance(Date.parse('2026-11-06T10:00:00Z') - h.clock.now());
    const res = await ask(mum.token, {
      body: 'My child cannot log in.\n孩子无法登录。',
      contactEmail: 'mum@example.com',
    });
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json();
    expect(view).toMatchObject({ status: 'open', contactEmail: 'mum@example.com' });
    expect(view.createdAt).toBe(Date.parse('2026-11-06T10:00:00Z'));
    expect(view.dueAt).toBe(Date.parse('2026-11-27T10:00:00Z'));
    expect(view.dueAt).toBe(addWorkingDays(view.createdAt, 15));

    const row = await h.ctx.db.db
      .selectFrom('support_requests')
      .selectAll()
      .where('id', '=', view.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      account_id: mum.accountId,
      body: 'My child cannot log in.\n孩子无法登录。',
      status: 'open',
    });

    // A child may ask too, without an email address; each sees only their own.
    const fromKid = await ask(kid.token, { body: 'help' });
    expect(fromKid.statusCode, fromKid.body).toBe(201);
    expect(fromKid.json().contactEmail).toBeNull();
    const mine = await h.request({ method: 'GET', url: '/v1/support', token: mum.token });
    expect(mine.json().requests).toEqual([view]);
    const kids = await h.request({ method: 'GET', url: '/v1/support', token: kid.token });
    expect(kids.json().requests.map((r: { id: string }) => r.id)).toEqual([fromKid.json().id]);
  });

  it('refuses bad input and anonymous callers', async () => {
    const before = await rowCount(h, 'support_requests');
    const bad: unknown[] = [
      {},
      { body: '' },
      { body: '   ' },
      { body: 'x'.repeat(5001) },
      { body: 'hi', contactEmail: 'not an email' },
      { body: 'hi', contactEmail: 'a@b' },
      { body: 'hi', contactEmail: 'a@b.c\u0000m' },
      { body: 'a\u0000b' },
      { body: 'hi', urgent: true },
    ];
    for (const body of bad) {
      const res = await ask(mum.token, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    const anon = await h.request({ method: 'POST', url: '/v1/support', body: { body: 'hi' } });
    expect(anon.statusCode).toBe(401);
    expect(await rowCount(h, 'support_requests')).toBe(before);
  });
});
