import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import type { Adult, Child } from './support/flows.js';
import { createChild, signUpAdult } from './support/flows.js';
import type { Harness } from './support/harness.js';
import { startHarness } from './support/harness.js';

const DIALECTS = await testDialects();

/**
 * P16: a grown-up invited to co-manage a child can refuse as plainly as accept. A refusal
 * deletes the invitation (and the phone number in it), cannot be undone by accepting later,
 * and tells the inviting guardian without naming who refused. Only the invitee can refuse.
 */
describe.each(DIALECTS)('refusing a guardian invitation on %s (P16)', (dialect) => {
  let h: Harness;
  let mum: Adult;
  let child: Child;

  beforeAll(async () => {
    h = await startHarness(dialect);
    mum = await signUpAdult(h, 'Mum');
    child = await createChild(h, mum);
  });
  afterAll(async () => {
    await h?.close();
  });

  async function invite(phone: string): Promise<string> {
    const res = await h.request({
      method: 'POST',
      url: `/v1/children/${child.id}/guardian-invites`,
      token: mum.token,
      body: { phone },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }
  const post = (url: string, token: string) => h.request({ method: 'POST', url, token });
  const notices = async (who: Adult) =>
    (await h.request({ method: 'GET', url: '/v1/notifications', token: who.token })).json()
      .notifications as { kind: string; childId: string | null; data: object }[];

  it('lets only the invitee refuse; others get the answer a missing invitation gets', async () => {
    const dad = await signUpAdult(h, 'Dad');
    const stranger = await signUpAdult(h, 'Stranger');
    const id = await invite(dad.phone);
    const missing = await post('/v1/guardian-invites/nope/refuse', dad.token);
    expect(missing.statusCode).toBe(404);
    for (const who of [stranger, mum]) {
      const res = await post(`/v1/guardian-invites/${id}/refuse`, who.token);
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe(missing.body);
    }
    expect((await post(`/v1/guardian-invites/${id}/refuse`, '')).statusCode).toBe(401);
    // Still open for the invitee.
    const list = await h.request({ method: 'GET', url: '/v1/guardian-invites', token: dad.token });
    expect(list.json().invites.map((i: { id: string }) => i.id)).toEqual([id]);
  });

  it('deletes the invitation, refuses a later accept, and tells the inviter', async () => {
    const gran = await signUpAdult(h, 'Gran');
    const id = await invite(gran.phone);
    const before = (await notices(mum)).filter((n) => n.kind === 'guardian.invite_refused');

    const res = await post(`/v1/guardian-invites/${id}/refuse`, gran.token);
    expect(res.statusCode, res.body).toBe(204);

    const row = await h.ctx.db.db
      .selectFrom('guardian_invites')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
    expect(row).toBeUndefined();
    const list = await h.request({ method: 'GET', url: '/v1/guardian-invites', token: gran.token });
    expect(list.json().invites).toEqual([]);
    expect((await post(`/v1/guardian-invites/${id}/accept`, gran.token)).statusCode).toBe(404);
    expect((await post(`/v1/guardian-invites/${id}/refuse`, gran.token)).statusCode).toBe(404);
    const asGran = await h.request({
      method: 'GET',
      url: `/v1/children/${child.id}`,
      token: gran.token,
    });
    expect(asGran.statusCode).toBe(404);

    const refused = (await notices(mum)).filter((n) => n.kind === 'guardian.invite_refused');
    expect(refused).toHaveLength(before.length + 1);
    // About the child, and nothing about who said no.
    expect(refused[0]).toMatchObject({ childId: child.id, data: {} });
    expect((await notices(gran)).map((n) => n.kind)).not.toContain('guardian.invite_refused');
  });

  it('cannot refuse an invitation already accepted', async () => {
    const uncle = await signUpAdult(h, 'Uncle');
    const id = await invite(uncle.phone);
    expect((await post(`/v1/guardian-invites/${id}/accept`, uncle.token)).statusCode).toBe(200);
    expect((await post(`/v1/guardian-invites/${id}/refuse`, uncle.token)).statusCode).toBe(404);
    const guardians = await h.request({
      method: 'GET',
      url: `/v1/children/${child.id}/guardians`,
      token: mum.token,
    });
    expect(guardians.json().guardians.map((g: { id: string }) => g.id)).toContain(uncle.accountId);
  });
});
