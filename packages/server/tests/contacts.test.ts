import { ELEVATION_HEADER } from '@kidtalk/protocol';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HOUR } from '../src/clock.js';
import { AccountStore } from '../src/stores/account-store.js';
import { ContactStore } from '../src/stores/contact-store.js';
import { testDialects } from './support/databases.js';
import type { Adult, Child } from './support/flows.js';
import { createChild, elevate, linkChildDevice, nextPhone, signUpAdult } from './support/flows.js';
import type { Harness } from './support/harness.js';
import { startHarness } from './support/harness.js';

/**
 * Contacts under parental control (issue 4): lookups, friend requests across adults and
 * children (P18, P21), the guardian's hold on a child's contacts (P19), silent blocks, and
 * exactly what a contact or a stranger sees (P20).
 */

const DIALECTS = await testDialects();
const PRIVATE = ['country', 'gender', 'birthday', '"NZ"', '"girl"', '2017-05-04'];

interface Family {
  guardian: Adult;
  coGuardian: Adult;
  child: Child;
  device: string;
}

describe.each(DIALECTS)('contacts on %s', (dialect) => {
  let h: Harness;
  let ipSeq = 0;
  const events: [kind: 'approved' | 'severed', a: string, b: string][] = [];

  /** A fresh address per call, so only the rate-limit tests share one. */
  const api = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    token: string,
    body?: unknown,
    opts: { ip?: string; headers?: Record<string, string> } = {},
  ) =>
    h.request({
      method,
      url,
      token,
      body,
      ip: opts.ip ?? `198.51.100.${(ipSeq++ % 250) + 1}`,
      headers: opts.headers,
    });

  const fingerprint = (res: LightMyRequestResponse) => {
    const { date: _date, ...headers } = res.headers;
    return { status: res.statusCode, headers, body: res.body };
  };

  const family = async (name: string): Promise<Family> => {
    const guardian = await signUpAdult(h, name);
    const child = await createChild(h, guardian, {
      country: 'NZ',
      gender: 'girl',
      birthday: '2017-05-04',
    });
    const coPhone = nextPhone();
    const inv = await api('POST', `/v1/children/${child.id}/guardian-invites`, guardian.token, {
      phone: coPhone,
    });
    expect(inv.statusCode, inv.body).toBe(201);
    const coGuardian = await signUpAdult(h, `${name} 2`, coPhone);
    const acc = await api('POST', `/v1/guardian-invites/${inv.json().id}/accept`, coGuardian.token);
    expect(acc.statusCode, acc.body).toBe(200);
    return { guardian, coGuardian, child, device: await linkChildDevice(h, guardian, child) };
  };

  const send = (token: string, publicId: string) =>
    api('POST', '/v1/friend-requests', token, { publicId });
  const requests = async (token: string) =>
    (await api('GET', '/v1/friend-requests', token)).json().requests as {
      id: string;
      direction: string;
      status: string;
      other: { publicId: string };
      accepted: boolean;
      guardianApproved: boolean;
    }[];
  const contactIds = async (token: string) =>
    ((await api('GET', '/v1/contacts', token)).json().contacts as { publicId: string }[]).map(
      (c) => c.publicId,
    );
  const notes = async (token: string, kind: string) =>
    (
      (await api('GET', '/v1/notifications', token)).json().notifications as {
        kind: string;
        data: Record<string, unknown>;
      }[]
    ).filter((n) => n.kind === kind);
  const approved = (a: string, b: string) =>
    new ContactStore(h.ctx.db.db).areApprovedContacts(a, b);
  const guardianApprove = (fam: Family, requestId: string) =>
    api(
      'POST',
      `/v1/children/${fam.child.id}/friend-requests/${requestId}/approve`,
      fam.guardian.token,
    );

  beforeAll(async () => {
    h = await startHarness(dialect);
    h.ctx.contactEvents.on({
      approved: async (a, b) => void events.push(['approved', a, b]),
      severed: async (a, b) => void events.push(['severed', a, b]),
    });
  });
  afterAll(() => h.close());
  // Each test starts in a fresh rate-limit window (sign-ups are limited per address too).
  beforeEach(() => {
    h.clock.advance(HOUR);
    events.length = 0;
  });

  const pairEvent = (kind: 'approved' | 'severed', a: string, b: string) =>
    events.some(([k, x, y]) => k === kind && ((x === a && y === b) || (x === b && y === a)));

  describe('friend requests', () => {
    it('adult ↔ adult: request, accept, contacts both ways (P21)', async () => {
      const ann = await signUpAdult(h, 'Ann');
      const bob = await signUpAdult(h, 'Bob');
      const sent = await send(ann.token, bob.publicId);
      expect(sent.statusCode, sent.body).toBe(201);
      expect(sent.json()).toMatchObject({
        direction: 'outgoing',
        status: 'pending',
        other: { publicId: bob.publicId, displayName: 'Bob' },
      });
      // Idempotent: the same request again is the open one, not a second.
      const again = await send(ann.token, bob.publicId);
      expect(again.statusCode).toBe(200);
      expect(again.json().id).toBe(sent.json().id);

      const incoming = await requests(bob.token);
      expect(incoming).toEqual([
        expect.objectContaining({ id: sent.json().id, direction: 'incoming', accepted: false }),
      ]);
      expect(await approved(ann.accountId, bob.accountId)).toBe(false);
      const acc = await api('POST', `/v1/friend-requests/${sent.json().id}/accept`, bob.token);
      expect(acc.statusCode, acc.body).toBe(200);
      expect(acc.json().status).toBe('approved');
      expect(await approved(ann.accountId, bob.accountId)).toBe(true);
      expect(pairEvent('approved', ann.accountId, bob.accountId)).toBe(true);
      expect(await contactIds(ann.token)).toEqual([bob.publicId]);
      expect(await contactIds(bob.token)).toEqual([ann.publicId]);
      const dup = await send(bob.token, ann.publicId);
      expect(dup.statusCode).toBe(409);
    });

    it('a request back to a pending sender accepts theirs instead of opening a second', async () => {
      const ann = await signUpAdult(h, 'Ann');
      const bob = await signUpAdult(h, 'Bob');
      const first = (await send(ann.token, bob.publicId)).json();
      const back = await send(bob.token, ann.publicId);
      expect(back.statusCode).toBe(200);
      expect(back.json()).toMatchObject({ id: first.id, status: 'approved' });
      expect(await approved(ann.accountId, bob.accountId)).toBe(true);
    });

    it('adult → child needs the child’s guardian; the child’s yes is not enough (P18, P21)', async () => {
      const fam = await family('Mum');
      const gran = await signUpAdult(h, 'Gran');
      const sent = await send(gran.token, fam.child.publicId);
      expect(sent.statusCode, sent.body).toBe(201);
      const id = sent.json().id;
      // Every guardian of the child hears about it (P16), naming the request.
      for (const g of [fam.guardian, fam.coGuardian]) {
        const pending = await notes(g.token, 'friend_request.pending');
        expect(pending).toEqual([
          expect.objectContaining({
            data: expect.objectContaining({ requestId: id, publicId: gran.publicId }),
          }),
        ]);
      }
      const acc = await api('POST', `/v1/friend-requests/${id}/accept`, fam.device);
      expect(acc.statusCode, acc.body).toBe(200);
      expect(acc.json()).toMatchObject({
        status: 'pending',
        accepted: true,
        guardianApproved: false,
      });
      expect(await approved(gran.accountId, fam.child.id)).toBe(false);
      // The sender never learns about the other side's guardian, only that it is pending.
      expect((await requests(gran.token))[0]).toMatchObject({ status: 'pending', accepted: true });

      const listed = await api(
        'GET',
        `/v1/children/${fam.child.id}/friend-requests`,
        fam.coGuardian.token,
      );
      expect(listed.json().requests.map((r: { id: string }) => r.id)).toEqual([id]);
      const ok = await api(
        'POST',
        `/v1/children/${fam.child.id}/friend-requests/${id}/approve`,
        fam.coGuardian.token,
      );
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().status).toBe('approved');
      expect(await approved(gran.accountId, fam.child.id)).toBe(true);
      expect(pairEvent('approved', gran.accountId, fam.child.id)).toBe(true);
      for (const g of [fam.guardian, fam.coGuardian]) {
        expect(await notes(g.token, 'friend_request.approved')).toHaveLength(1);
      }
    });

    it('the guardian’s approval also accepts for a child recipient', async () => {
      const fam = await family('Mum');
      const uncle = await signUpAdult(h, 'Uncle');
      const id = (await send(uncle.token, fam.child.publicId)).json().id;
      const ok = await guardianApprove(fam, id);
      expect(ok.json()).toMatchObject({ status: 'approved', accepted: true });
      expect(await contactIds(fam.device)).toEqual([uncle.publicId]);
    });

    it('approving on the child’s device takes the parental PIN for contact.approve', async () => {
      const fam = await family('Mum');
      const aunt = await signUpAdult(h, 'Aunt');
      const id = (await send(aunt.token, fam.child.publicId)).json().id;
      const url = `/v1/children/${fam.child.id}/friend-requests/${id}/approve`;
      const bare = await api('POST', url, fam.device);
      expect(bare.statusCode).toBe(403);
      expect(bare.json().error.code).toBe('ELEVATION_REQUIRED');
      const wrong = await elevate(h, fam.device, fam.child, 'settings.update');
      const refused = await api('POST', url, fam.device, undefined, {
        headers: { [ELEVATION_HEADER]: wrong },
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('ELEVATION_INVALID');
      expect(await approved(aunt.accountId, fam.child.id)).toBe(false);
      // The child's own accept (without PIN) still does not make a contact.
      await api('POST', `/v1/friend-requests/${id}/accept`, fam.device);
      expect(await approved(aunt.accountId, fam.child.id)).toBe(false);

      const t = await elevate(h, fam.device, fam.child, 'contact.approve');
      const ok = await api('POST', url, fam.device, undefined, {
        headers: { [ELEVATION_HEADER]: t },
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(await approved(aunt.accountId, fam.child.id)).toBe(true);
      // The token was single-use.
      const id2 = (await send((await signUpAdult(h, 'Other')).token, fam.child.publicId)).json().id;
      const replay = await api(
        'POST',
        `/v1/children/${fam.child.id}/friend-requests/${id2}/approve`,
        fam.device,
        undefined,
        { headers: { [ELEVATION_HEADER]: t } },
      );
      expect(replay.statusCode).toBe(403);
    });

    it.each([
      ['sender’s family first', true],
      ['recipient’s family first', false],
    ])('child ↔ child needs both families, %s', async (_label, senderFirst) => {
      const one = await family('Mum One');
      const two = await family('Mum Two');
      const sent = await send(one.device, two.child.publicId);
      expect(sent.statusCode, sent.body).toBe(201);
      expect(sent.json()).toMatchObject({ guardianApproved: false });
      const id = sent.json().id;
      expect(await notes(one.coGuardian.token, 'friend_request.pending')).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ direction: 'outgoing' }) }),
      ]);
      expect(await notes(two.coGuardian.token, 'friend_request.pending')).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ direction: 'incoming' }) }),
      ]);
      const [first, second] = senderFirst ? [one, two] : [two, one];
      expect((await guardianApprove(first, id)).json().status).toBe('pending');
      expect(await approved(one.child.id, two.child.id)).toBe(false);
      expect((await guardianApprove(second, id)).json().status).toBe('approved');
      expect(await approved(one.child.id, two.child.id)).toBe(true);
      expect(await contactIds(one.device)).toEqual([two.child.publicId]);
      expect(pairEvent('approved', one.child.id, two.child.id)).toBe(true);
      // A guardian cannot approve the same request twice, nor one that is not their child's.
      expect((await guardianApprove(second, id)).statusCode).toBe(404);
    });

    it('self-friending skips that child’s guardian; turning it off keeps contacts but not the shortcut (P19)', async () => {
      const fam = await family('Mum');
      const on = await api('PUT', `/v1/children/${fam.child.id}/settings`, fam.guardian.token, {
        selfFriending: true,
      });
      expect(on.statusCode).toBe(200);
      const pal = await signUpAdult(h, 'Pal');
      const out = await send(fam.device, pal.publicId);
      expect(out.json().guardianApproved).toBe(true);
      await api('POST', `/v1/friend-requests/${out.json().id}/accept`, pal.token);
      expect(await approved(fam.child.id, pal.accountId)).toBe(true);
      const coach = await signUpAdult(h, 'Coach');
      const inc = (await send(coach.token, fam.child.publicId)).json().id;
      const acc = await api('POST', `/v1/friend-requests/${inc}/accept`, fam.device);
      expect(acc.json().status).toBe('approved');
      expect(await notes(fam.guardian.token, 'friend_request.pending')).toEqual([]);
      // The guardians still hear of each new contact, and can still list them.
      expect(await notes(fam.guardian.token, 'friend_request.approved')).toHaveLength(2);

      await api('PUT', `/v1/children/${fam.child.id}/settings`, fam.guardian.token, {
        selfFriending: false,
      });
      expect((await contactIds(fam.device)).sort()).toEqual([pal.publicId, coach.publicId].sort());
      const later = await signUpAdult(h, 'Later');
      const id = (await send(later.token, fam.child.publicId)).json().id;
      const acc2 = await api('POST', `/v1/friend-requests/${id}/accept`, fam.device);
      expect(acc2.json()).toMatchObject({ status: 'pending', guardianApproved: false });
      expect(await approved(fam.child.id, later.accountId)).toBe(false);
    });

    it('decline, deny and cancel end a request without a contact', async () => {
      const fam = await family('Mum');
      const ann = await signUpAdult(h, 'Ann');
      const bob = await signUpAdult(h, 'Bob');

      const r1 = (await send(ann.token, bob.publicId)).json().id;
      expect((await api('POST', `/v1/friend-requests/${r1}/cancel`, bob.token)).statusCode).toBe(
        404,
      );
      const dec = await api('POST', `/v1/friend-requests/${r1}/decline`, bob.token);
      expect(dec.json().status).toBe('declined');
      expect((await api('POST', `/v1/friend-requests/${r1}/accept`, bob.token)).statusCode).toBe(
        404,
      );

      const r2 = (await send(ann.token, bob.publicId)).json().id;
      expect(r2).not.toBe(r1);
      expect((await api('POST', `/v1/friend-requests/${r2}/accept`, ann.token)).statusCode).toBe(
        404,
      );
      const can = await api('POST', `/v1/friend-requests/${r2}/cancel`, ann.token);
      expect(can.json().status).toBe('cancelled');
      expect((await requests(bob.token)).find((r) => r.id === r2)?.status).toBe('cancelled');

      const r3 = (await send(ann.token, fam.child.publicId)).json().id;
      const deny = await api(
        'POST',
        `/v1/children/${fam.child.id}/friend-requests/${r3}/deny`,
        fam.coGuardian.token,
      );
      expect(deny.json().status).toBe('declined');
      expect((await guardianApprove(fam, r3)).statusCode).toBe(404);
      // The child's family is told; the sender's side is told nothing.
      expect(await notes(fam.guardian.token, 'friend_request.declined')).toHaveLength(1);
      expect((await api('GET', '/v1/notifications', ann.token)).json().notifications).toEqual([]);
      expect(await approved(ann.accountId, bob.accountId)).toBe(false);
      expect(await approved(ann.accountId, fam.child.id)).toBe(false);
      expect(events).toEqual([]);
    });
  });

  describe('lookup', () => {
    it('shows exactly name, public ID and avatar, of an adult or a child (P20)', async () => {
      const fam = await family('Mum');
      const stranger = await signUpAdult(h, 'Stranger');
      const res = await api('GET', `/v1/lookup/${fam.child.publicId}`, stranger.token);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        publicId: fam.child.publicId,
        displayName: 'Xiao Ming',
        avatar: { kind: 'builtin', id: 'panda' },
      });
      for (const p of PRIVATE) expect(res.body).not.toContain(p);
      const adult = await api('GET', `/v1/lookup/${stranger.publicId}`, fam.device);
      expect(Object.keys(adult.json()).sort()).toEqual(['avatar', 'displayName', 'publicId']);
    });

    it('unknown, blocked either way and banned answer identically', async () => {
      const viewer = await signUpAdult(h, 'Viewer');
      const blocker = await signUpAdult(h, 'Blocker');
      const blockee = await signUpAdult(h, 'Blockee');
      const banned = await signUpAdult(h, 'Banned');
      const visible = await signUpAdult(h, 'Visible');
      await api('POST', '/v1/blocks', blocker.token, { publicId: viewer.publicId });
      await api('POST', '/v1/blocks', viewer.token, { publicId: blockee.publicId });
      await new AccountStore(h.ctx.db.db).update(banned.accountId, { status: 'banned' });
      const ip = '192.0.2.200';
      const look = (id: string) => api('GET', `/v1/lookup/${id}`, viewer.token, undefined, { ip });
      const unknown = await look('ZZZZZZZZZ');
      expect(unknown.statusCode).toBe(404);
      for (const id of [blocker.publicId, blockee.publicId, banned.publicId]) {
        expect(fingerprint(await look(id))).toEqual(fingerprint(unknown));
        // A request answers the same as for an ID nobody has.
        expect(fingerprint(await send(viewer.token, id))).toEqual(
          fingerprint(await send(viewer.token, 'ZZZZZZZZZ')),
        );
      }
      expect((await look(visible.publicId)).statusCode).toBe(200);
    });

    it('is rate-limited per account, whatever the address (429 with retry-after)', async () => {
      const a = await signUpAdult(h, 'Prober');
      const target = await signUpAdult(h, 'Target');
      const limit = 30;
      for (let i = 0; i < limit; i++) {
        const res = await api(
          'GET',
          `/v1/lookup/${i % 2 ? target.publicId : 'ZZZZZZZZZ'}`,
          a.token,
        );
        expect(res.statusCode).not.toBe(429);
      }
      const over = await api('GET', `/v1/lookup/${target.publicId}`, a.token);
      expect(over.statusCode).toBe(429);
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      expect(over.json().error).toMatchObject({ code: 'RATE_LIMITED' });
      // Friend requests spend the same budget: they answer the same question.
      expect((await send(a.token, target.publicId)).statusCode).toBe(429);
      const other = await signUpAdult(h, 'Honest');
      expect((await api('GET', `/v1/lookup/${target.publicId}`, other.token)).statusCode).toBe(200);
    });

    it('is rate-limited per address, across accounts', async () => {
      const ip = '192.0.2.77';
      const target = await signUpAdult(h, 'Target');
      let spent = 0;
      while (spent < 100) {
        const acct = await signUpAdult(h, 'Sybil');
        for (let i = 0; i < 25 && spent < 100; i++, spent++) {
          const res = await api('GET', `/v1/lookup/${target.publicId}`, acct.token, undefined, {
            ip,
          });
          expect(res.statusCode).toBe(200);
        }
      }
      const fresh = await signUpAdult(h, 'Fresh');
      const over = await api('GET', `/v1/lookup/${target.publicId}`, fresh.token, undefined, {
        ip,
      });
      expect(over.statusCode).toBe(429);
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      const elsewhere = await api('GET', `/v1/lookup/${target.publicId}`, fresh.token);
      expect(elsewhere.statusCode).toBe(200);
    });
  });

  describe('blocks', () => {
    it('are silent: the blocked account’s own view does not change', async () => {
      const fam = await family('Mum');
      const creep = await signUpAdult(h, 'Creep');
      const id = (await send(creep.token, fam.child.publicId)).json().id;
      const view = async () => ({
        requests: (await api('GET', '/v1/friend-requests', creep.token)).body,
        contacts: (await api('GET', '/v1/contacts', creep.token)).body,
        blocks: (await api('GET', '/v1/blocks', creep.token)).body,
        notifications: (await api('GET', '/v1/notifications', creep.token)).body,
      });
      const before = await view();
      const blocked = await api('POST', '/v1/blocks', fam.device, { publicId: creep.publicId });
      expect(blocked.statusCode, blocked.body).toBe(201);
      expect(await view()).toEqual(before);
      expect(JSON.parse(before.requests).requests[0]).toMatchObject({ id, status: 'pending' });

      // The child and the guardians no longer see it, and it can never be approved.
      expect(await requests(fam.device)).toEqual([]);
      const listed = await api(
        'GET',
        `/v1/children/${fam.child.id}/friend-requests`,
        fam.guardian.token,
      );
      expect(listed.json().requests).toEqual([]);
      expect((await guardianApprove(fam, id)).statusCode).toBe(404);
      expect(await approved(creep.accountId, fam.child.id)).toBe(false);
      expect(await notes(fam.coGuardian.token, 'contact.blocked')).toHaveLength(1);
      expect(pairEvent('severed', fam.child.id, creep.accountId)).toBe(true);
    });

    it('end a contact both ways at once; lifting one does not restore it', async () => {
      const ann = await signUpAdult(h, 'Ann');
      const bob = await signUpAdult(h, 'Bob');
      const id = (await send(ann.token, bob.publicId)).json().id;
      await api('POST', `/v1/friend-requests/${id}/accept`, bob.token);
      expect(await approved(ann.accountId, bob.accountId)).toBe(true);
      events.length = 0;

      await api('POST', '/v1/blocks', bob.token, { publicId: ann.publicId });
      expect(await approved(ann.accountId, bob.accountId)).toBe(false);
      expect(await approved(bob.accountId, ann.accountId)).toBe(false);
      expect(pairEvent('severed', ann.accountId, bob.accountId)).toBe(true);
      expect(await contactIds(ann.token)).toEqual([]);
      expect(await contactIds(bob.token)).toEqual([]);
      const list = (await api('GET', '/v1/blocks', bob.token)).json().blocks;
      expect(list).toEqual([expect.objectContaining({ publicId: ann.publicId })]);

      const un = await api('DELETE', `/v1/blocks/${ann.publicId}`, bob.token);
      expect(un.statusCode).toBe(204);
      expect((await api('DELETE', `/v1/blocks/${ann.publicId}`, bob.token)).statusCode).toBe(404);
      expect(await approved(ann.accountId, bob.accountId)).toBe(false);
      expect(await contactIds(bob.token)).toEqual([]);
      // A fresh request is needed, and then works.
      const again = await send(bob.token, ann.publicId);
      expect(again.statusCode).toBe(201);
    });

    it('a child lifts a block only with the parental PIN', async () => {
      const fam = await family('Mum');
      const x = await signUpAdult(h, 'X');
      await api('POST', '/v1/blocks', fam.device, { publicId: x.publicId });
      const bare = await api('DELETE', `/v1/blocks/${x.publicId}`, fam.device);
      expect(bare.statusCode).toBe(403);
      expect(bare.json().error.code).toBe('ELEVATION_REQUIRED');
      const t = await elevate(h, fam.device, fam.child, 'contact.approve');
      const ok = await api('DELETE', `/v1/blocks/${x.publicId}`, fam.device, undefined, {
        headers: { [ELEVATION_HEADER]: t },
      });
      expect(ok.statusCode).toBe(204);
    });
  });

  describe('a guardian manages the child’s contacts (P19)', () => {
    it('lists, removes, blocks and unblocks, even with self-friending on', async () => {
      const fam = await family('Mum');
      await api('PUT', `/v1/children/${fam.child.id}/settings`, fam.guardian.token, {
        selfFriending: true,
      });
      const one = await signUpAdult(h, 'One');
      const two = await signUpAdult(h, 'Two');
      for (const a of [one, two]) {
        const id = (await send(a.token, fam.child.publicId)).json().id;
        await api('POST', `/v1/friend-requests/${id}/accept`, fam.device);
      }
      const url = `/v1/children/${fam.child.id}`;
      const listed = await api('GET', `${url}/contacts`, fam.coGuardian.token);
      expect(listed.statusCode).toBe(200);
      expect(listed.json().contacts).toHaveLength(2);
      expect(
        listed.json().contacts.find((c: { publicId: string }) => c.publicId === one.publicId),
      ).toEqual({
        publicId: one.publicId,
        displayName: 'One',
        avatar: expect.any(Object),
        online: true,
        since: h.clock.now(),
        interactions: {
          messagesSent: 0,
          messagesReceived: 0,
          callsMade: 0,
          callsReceived: 0,
          lastAt: null,
        },
      });
      events.length = 0;

      const rm = await api('DELETE', `${url}/contacts/${one.publicId}`, fam.guardian.token);
      expect(rm.statusCode).toBe(204);
      expect(await approved(fam.child.id, one.accountId)).toBe(false);
      expect(await contactIds(one.token)).toEqual([]);
      expect(pairEvent('severed', fam.child.id, one.accountId)).toBe(true);
      expect(
        (await api('DELETE', `${url}/contacts/${one.publicId}`, fam.guardian.token)).statusCode,
      ).toBe(404);
      expect(await notes(fam.coGuardian.token, 'contact.removed')).toHaveLength(1);

      const bl = await api('POST', `${url}/blocks`, fam.guardian.token, { publicId: two.publicId });
      expect(bl.statusCode, bl.body).toBe(201);
      expect(await approved(fam.child.id, two.accountId)).toBe(false);
      expect(pairEvent('severed', fam.child.id, two.accountId)).toBe(true);
      expect((await api('GET', `${url}/blocks`, fam.guardian.token)).json().blocks).toEqual([
        expect.objectContaining({ publicId: two.publicId }),
      ]);
      // Silent to them, and the child's contact list is now empty.
      expect(await contactIds(fam.device)).toEqual([]);
      expect((await api('GET', '/v1/notifications', two.token)).json().notifications).toEqual([]);
      expect(
        (await api('DELETE', `${url}/blocks/${two.publicId}`, fam.guardian.token)).statusCode,
      ).toBe(204);
      expect((await api('GET', `${url}/blocks`, fam.guardian.token)).json().blocks).toEqual([]);
      expect(await approved(fam.child.id, two.accountId)).toBe(false);
    });

    it('another family’s guardian gets the same 404 as for a missing child', async () => {
      const fam = await family('Mum');
      const other = await family('Other');
      const pal = await signUpAdult(h, 'Pal');
      const id = (await send(pal.token, fam.child.publicId)).json().id;
      const probes: ['GET' | 'POST' | 'DELETE', string, unknown?][] = [
        ['GET', 'contacts'],
        ['GET', 'blocks'],
        ['GET', 'friend-requests'],
        ['POST', `friend-requests/${id}/approve`],
        ['POST', `friend-requests/${id}/deny`],
        ['POST', 'blocks', { publicId: pal.publicId }],
        ['DELETE', `contacts/${pal.publicId}`],
        ['DELETE', `blocks/${pal.publicId}`],
      ];
      for (const [method, tail, body] of probes) {
        const real = await api(
          method,
          `/v1/children/${fam.child.id}/${tail}`,
          other.guardian.token,
          body,
        );
        const fake = await api(
          method,
          `/v1/children/nobody-here/${tail}`,
          other.guardian.token,
          body,
        );
        expect(real.statusCode).toBe(404);
        expect(fingerprint(real)).toEqual(fingerprint(fake));
      }
      // The other family's guardian cannot approve it through their own child either.
      expect((await guardianApprove(other, id)).statusCode).toBe(404);
      expect((await requests(fam.device))[0]).toMatchObject({ id, status: 'pending' });
      expect(await new ContactStore(h.ctx.db.db).contactsOf(fam.child.id)).toEqual([]);
    });
  });

  it('a contact list shows exactly name, public ID, avatar and online status (P20)', async () => {
    const fam = await family('Mum');
    const friend = await signUpAdult(h, 'Friend');
    const id = (await send(friend.token, fam.child.publicId)).json().id;
    await guardianApprove(fam, id);
    const res = await api('GET', '/v1/contacts', friend.token);
    expect(res.json().contacts).toEqual([
      {
        view: 'contact',
        publicId: fam.child.publicId,
        displayName: 'Xiao Ming',
        avatar: { kind: 'builtin', id: 'panda' },
        online: true,
      },
    ]);
    for (const body of [
      res.body,
      (await api('GET', '/v1/friend-requests', friend.token)).body,
      (await api('GET', `/v1/lookup/${fam.child.publicId}`, friend.token)).body,
    ]) {
      for (const p of PRIVATE) expect(body).not.toContain(p);
    }
  });
});
