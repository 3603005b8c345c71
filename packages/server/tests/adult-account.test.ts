import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import type { Adult } from './support/flows.js';
import { createChild, latestCode, linkChildDevice, signUpAdult } from './support/flows.js';
import type { Harness } from './support/harness.js';
import { startHarness, TEST_DEVICE } from './support/harness.js';

const DIALECTS = await testDialects();
/** A 1×1 PNG: enough for the image check, small enough to inline. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * P24 for adults, as the grown-ups' account tab uses it: an adult corrects their own name and
 * picture, sees and ends their own sessions, and nothing of this reaches a child's device.
 */
describe.each(DIALECTS)('an adult’s own account on %s (P24)', (dialect) => {
  let h: Harness;
  let mum: Adult;

  beforeAll(async () => {
    h = await startHarness(dialect);
    mum = await signUpAdult(h, 'Mum');
  });
  afterAll(() => h.close());

  const patch = (token: string, body: unknown) =>
    h.request({ method: 'PATCH', url: '/v1/me', token, body });

  it('corrects the name and picks a built-in picture', async () => {
    const res = await patch(mum.token, {
      displayName: 'Mama Li',
      avatar: { kind: 'builtin', id: 'fox' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      view: 'self',
      displayName: 'Mama Li',
      avatar: { kind: 'builtin', id: 'fox' },
    });
    const me = await h.request({ method: 'GET', url: '/v1/me', token: mum.token });
    expect(me.json()).toMatchObject({
      displayName: 'Mama Li',
      avatar: { kind: 'builtin', id: 'fox' },
    });
    // Only the name: the picture stays.
    const named = await patch(mum.token, { displayName: 'Mum' });
    expect(named.json()).toMatchObject({
      displayName: 'Mum',
      avatar: { kind: 'builtin', id: 'fox' },
    });
  });

  it('deletes an uploaded picture when a built-in one is chosen', async () => {
    const blobId = await h.ctx.avatars.set(mum.accountId, PNG, 'image/png');
    const before = await h.request({ method: 'GET', url: '/v1/me', token: mum.token });
    expect(before.json().avatar).toEqual({ kind: 'image', url: `/v1/avatars/${blobId}` });
    const res = await patch(mum.token, { avatar: { kind: 'builtin', id: 'owl' } });
    expect(res.json().avatar).toEqual({ kind: 'builtin', id: 'owl' });
    expect(await h.ctx.blobs.get(blobId)).toBeNull();
    expect(
      await h.ctx.db.db
        .selectFrom('blobs')
        .select('id')
        .where('id', '=', blobId)
        .executeTakeFirst(),
    ).toBeUndefined();
  });

  it('refuses malformed changes and a child’s device', async () => {
    for (const body of [
      { avatar: { kind: 'builtin', id: 'dragon' } },
      { avatar: { kind: 'image', url: 'https://example.com/x.png' } },
      { displayName: '' },
      { displayName: 'x'.repeat(41) },
      { phone: '+8613800000000' },
    ]) {
      const res = await patch(mum.token, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('INVALID_REQUEST');
    }
    const child = await createChild(h, mum);
    const kid = await linkChildDevice(h, mum, child);
    const res = await patch(kid, { avatar: { kind: 'builtin', id: 'cat' } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    const asGuardian = await h.request({
      method: 'GET',
      url: `/v1/children/${child.id}`,
      token: mum.token,
    });
    expect(asGuardian.json().avatar).toEqual({ kind: 'builtin', id: 'panda' });
    expect((await patch('', { displayName: 'Nobody' })).statusCode).toBe(401);
  });

  it('lists its own sessions, ends another one, and signs out', async () => {
    const second = await h.request({
      method: 'POST',
      url: '/v1/auth/otp',
      body: { phone: mum.phone, purpose: 'sign_in' },
    });
    expect(second.statusCode).toBe(202);
    const signIn = await h.request({
      method: 'POST',
      url: '/v1/auth/sign-in',
      body: { phone: mum.phone, code: await latestCode(h, mum.phone), device: TEST_DEVICE },
    });
    const tablet = signIn.json().token as string;
    const list = await h.request({ method: 'GET', url: '/v1/sessions', token: mum.token });
    const sessions = list.json().sessions as { id: string; current: boolean }[];
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const other = sessions.find((s) => !s.current)!;

    // Another adult cannot end it.
    const stranger = await signUpAdult(h, 'Stranger');
    const foreign = await h.request({
      method: 'DELETE',
      url: `/v1/sessions/${other.id}`,
      token: stranger.token,
    });
    expect(foreign.statusCode).toBe(404);
    expect((await h.request({ method: 'GET', url: '/v1/me', token: tablet })).statusCode).toBe(200);

    const ended = await h.request({
      method: 'DELETE',
      url: `/v1/sessions/${other.id}`,
      token: mum.token,
    });
    expect(ended.statusCode).toBe(204);
    expect((await h.request({ method: 'GET', url: '/v1/me', token: tablet })).statusCode).toBe(401);

    const out = await h.request({ method: 'POST', url: '/v1/auth/sign-out', token: mum.token });
    expect(out.statusCode).toBe(204);
    expect((await h.request({ method: 'GET', url: '/v1/me', token: mum.token })).statusCode).toBe(
      401,
    );
  });
});
