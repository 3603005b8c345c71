import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactStore } from '../src/stores/contact-store.js';
import { testDialects } from './support/databases.js';
import type { Adult, Child } from './support/flows.js';
import { createChild, latestCode, linkChildDevice, signUpAdult } from './support/flows.js';
import type { Harness } from './support/harness.js';
import { startHarness, TEST_DEVICE } from './support/harness.js';

const DIALECTS = await testDialects();
const PRIVATE_FIELDS = ['country', 'gender', 'birthday'];
const PRIVATE_VALUES = ['"NZ"', '"girl"', '2017-05-04'];

/** A real 2×2 PNG, built here so the test needs no fixture file. */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.from([0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 0, 255, 255, 255]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe.each(DIALECTS)('profiles on %s (P20, P24)', (dialect) => {
  let h: Harness;
  let mum: Adult;
  let child: Child;
  let childDevice: string;
  let friend: Adult;
  let stranger: Adult;

  beforeAll(async () => {
    h = await startHarness(dialect);
    mum = await signUpAdult(h, 'Mum');
    child = await createChild(h, mum, { country: 'NZ', gender: 'girl', birthday: '2017-05-04' });
    childDevice = await linkChildDevice(h, mum, child);
    friend = await signUpAdult(h, 'Auntie');
    stranger = await signUpAdult(h, 'Stranger');
    await new ContactStore(h.ctx.db.db).addApprovedPair(child.id, friend.accountId, h.clock.now());
  });
  afterAll(() => h.close());

  const profile = (token: string, publicId = child.publicId) =>
    h.request({ method: 'GET', url: `/v1/profiles/${publicId}`, token });

  it('shows a contact exactly name, public ID, avatar and online status', async () => {
    const res = await profile(friend.token);
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual([
      'avatar',
      'displayName',
      'online',
      'publicId',
      'view',
    ]);
    expect(res.json()).toEqual({
      view: 'contact',
      publicId: child.publicId,
      displayName: 'Xiao Ming',
      avatar: { kind: 'builtin', id: 'panda' },
      online: true,
    });
  });

  it('reports a contact offline when they have not been seen for a while', async () => {
    h.clock.advance(10 * 60_000);
    expect((await profile(friend.token)).json().online).toBe(false);
  });

  it('never sends country, gender or birthday to anyone but the child’s guardians', async () => {
    const viewers = { friend: friend.token, stranger: stranger.token, child: childDevice };
    for (const [who, token] of Object.entries(viewers)) {
      const bodies = [
        (await profile(token)).body,
        (await h.request({ method: 'GET', url: `/v1/children/${child.id}`, token })).body,
        (await h.request({ method: 'GET', url: '/v1/me', token })).body,
        (await h.request({ method: 'GET', url: '/v1/children', token })).body,
      ];
      for (const body of bodies) {
        for (const f of PRIVATE_FIELDS) expect(body, `${who} saw ${f}`).not.toContain(`"${f}"`);
        for (const v of PRIVATE_VALUES) expect(body, `${who} saw ${v}`).not.toContain(v);
      }
    }
    const guardianView = await profile(mum.token);
    expect(guardianView.json()).toMatchObject({
      view: 'guardian',
      country: 'NZ',
      gender: 'girl',
      birthday: '2017-05-04',
    });
  });

  it('answers a stranger exactly as it answers an ID nobody has', async () => {
    const hidden = await profile(stranger.token);
    const missing = await profile(stranger.token, '23456789A');
    expect(hidden.statusCode).toBe(404);
    expect(hidden.body).toBe(missing.body);
  });

  it('lets a guardian correct and clear every field (P24)', async () => {
    const res = await h.request({
      method: 'PATCH',
      url: `/v1/children/${child.id}`,
      token: mum.token,
      body: {
        displayName: 'Mingming',
        avatar: { kind: 'builtin', id: 'fox' },
        country: null,
        gender: 'other',
        birthday: '2017-05-05',
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      displayName: 'Mingming',
      avatar: { kind: 'builtin', id: 'fox' },
      country: null,
      gender: 'other',
      birthday: '2017-05-05',
    });
    const row = await h.ctx.db.db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', child.id)
      .executeTakeFirstOrThrow();
    expect(row.country).toBeNull();
  });

  it('accepts an uploaded PNG avatar, serves it to contacts only, and deletes it when replaced', async () => {
    const png = tinyPng();
    const up = await h.request({
      method: 'PUT',
      url: `/v1/children/${child.id}/avatar`,
      token: mum.token,
      headers: { 'content-type': 'image/png' },
      body: undefined,
    });
    expect(up.statusCode).toBe(400); // no body at all
    const ok = await h.app.inject({
      method: 'PUT',
      url: `/v1/children/${child.id}/avatar`,
      headers: { authorization: `Bearer ${mum.token}`, 'content-type': 'image/png' },
      payload: png,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const url: string = ok.json().avatar.url;
    expect(url).toMatch(/^\/v1\/avatars\//);

    const asFriend = await h.request({ method: 'GET', url, token: friend.token });
    expect(asFriend.statusCode).toBe(200);
    expect(asFriend.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(asFriend.rawPayload, png)).toBe(0);
    expect((await h.request({ method: 'GET', url, token: stranger.token })).statusCode).toBe(404);

    const blobId = url.split('/').at(-1)!;
    expect(await h.ctx.blobs.get(blobId)).not.toBeNull();
    await h.request({
      method: 'PATCH',
      url: `/v1/children/${child.id}`,
      token: mum.token,
      body: { avatar: { kind: 'builtin', id: 'owl' } },
    });
    expect(await h.ctx.blobs.get(blobId)).toBeNull();
    expect(
      await h.ctx.db.db.selectFrom('blobs').selectAll().where('id', '=', blobId).executeTakeFirst(),
    ).toBeUndefined();
  });

  it('refuses an avatar whose bytes are not the declared image type', async () => {
    const res = await h.app.inject({
      method: 'PUT',
      url: `/v1/children/${child.id}/avatar`,
      headers: { authorization: `Bearer ${mum.token}`, 'content-type': 'image/jpeg' },
      payload: tinyPng(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_IMAGE');
  });

  it('lets a guardian invite a second guardian, who then sees and manages the child (P16)', async () => {
    const dad = await signUpAdult(h, 'Dad');
    const inv = await h.request({
      method: 'POST',
      url: `/v1/children/${child.id}/guardian-invites`,
      token: mum.token,
      body: { phone: dad.phone },
    });
    expect(inv.statusCode).toBe(201);
    const sms = await h.outbox.read(dad.phone);
    expect(sms.at(-1)!.text).not.toContain('Ming');

    expect(
      (await h.request({ method: 'GET', url: `/v1/children/${child.id}`, token: dad.token }))
        .statusCode,
    ).toBe(404);
    const list = await h.request({ method: 'GET', url: '/v1/guardian-invites', token: dad.token });
    expect(list.json().invites).toEqual([
      expect.objectContaining({ id: inv.json().id, childId: child.id, inviterDisplayName: 'Mum' }),
    ]);
    const strangerAccept = await h.request({
      method: 'POST',
      url: `/v1/guardian-invites/${inv.json().id}/accept`,
      token: stranger.token,
    });
    expect(strangerAccept.statusCode).toBe(404);

    const acc = await h.request({
      method: 'POST',
      url: `/v1/guardian-invites/${inv.json().id}/accept`,
      token: dad.token,
    });
    expect(acc.statusCode, acc.body).toBe(200);
    expect(acc.json()).toMatchObject({ view: 'guardian', id: child.id });
    const again = await h.request({
      method: 'POST',
      url: `/v1/guardian-invites/${inv.json().id}/accept`,
      token: dad.token,
    });
    expect(again.statusCode).toBe(404);

    const guardians = await h.request({
      method: 'GET',
      url: `/v1/children/${child.id}/guardians`,
      token: dad.token,
    });
    expect(guardians.json().guardians.map((g: { role: string }) => g.role)).toEqual([
      'primary',
      'co',
    ]);
    const mumNotes = await h.request({ method: 'GET', url: '/v1/notifications', token: mum.token });
    expect(mumNotes.json().notifications.map((n: { kind: string }) => n.kind)).toContain(
      'guardian.joined',
    );

    // Both guardians can now get a PIN-unlock code, and both hear about the child.
    await h.request({
      method: 'POST',
      url: '/v1/auth/otp',
      body: { phone: dad.phone, purpose: 'pin_unlock' },
    });
    expect(await latestCode(h, dad.phone)).toMatch(/^\d{6}$/);
  });

  it('creates no child row without a prior consent to the current policy', async () => {
    const before = await h.ctx.db.db
      .selectFrom('accounts')
      .select('id')
      .where('kind', '=', 'child')
      .execute();
    const attempts = [
      { consentId: 'nonexistent-consent' },
      {
        consentId: (
          await h.request({
            method: 'POST',
            url: '/v1/consents',
            token: mum.token,
            body: {
              purpose: 'child_account',
              granted: false,
              policyVersion: h.ctx.config.policyVersion,
            },
          })
        ).json().id,
      },
    ];
    for (const a of attempts) {
      const res = await h.request({
        method: 'POST',
        url: '/v1/children',
        token: mum.token,
        body: { ...a, displayName: 'Nope', avatar: { kind: 'builtin', id: 'cat' }, pin: '4829' },
      });
      expect(res.json().error.code).toBe('CONSENT_REQUIRED');
    }
    const oldVersion = await h.request({
      method: 'POST',
      url: '/v1/consents',
      token: mum.token,
      body: { purpose: 'child_account', granted: true, policyVersion: '2020-01-01' },
    });
    expect(oldVersion.statusCode).toBe(400);
    const after = await h.ctx.db.db
      .selectFrom('accounts')
      .select('id')
      .where('kind', '=', 'child')
      .execute();
    expect(after).toHaveLength(before.length);

    const consent = await h.ctx.db.db
      .selectFrom('consents')
      .selectAll()
      .where('guardian_id', '=', mum.accountId)
      .orderBy('created_at')
      .executeTakeFirstOrThrow();
    expect(consent).toMatchObject({
      purpose: 'child_account',
      granted: 1,
      verified_phone_e164: mum.phone,
      child_id: child.id,
    });
  });

  it('lets a child device sign in only by link code, never by phone', async () => {
    const res = await h.request({
      method: 'POST',
      url: '/v1/auth/sign-in',
      body: { phone: mum.phone, code: '123456', device: TEST_DEVICE },
    });
    expect(res.json().error.code).toBe('CODE_INVALID');
  });
});
