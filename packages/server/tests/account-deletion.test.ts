import { ELEVATION_HEADER } from '@kidtalk/protocol';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobFile, fileExists } from './support/attachment-flows.js';
import type { BusyFamily } from './support/busy-family.js';
import { busyFamily } from './support/busy-family.js';
import { testDialects } from './support/databases.js';
import { createChild, elevate, signUpAdult } from './support/flows.js';
import { addMembers, createGroup } from '@kidtalk/crypto';
import { GuardianshipStore } from '../src/stores/guardianship-store.js';
import {
  approve,
  claim,
  createConversation,
  mailboxOf,
  mlsDevice,
  postCommit,
  seedAccount,
  unb64,
  uploadKeyPackages,
} from './support/mls-flows.js';
import type { LiveServer } from './support/live-server.js';
import { startLiveServer } from './support/live-server.js';

/**
 * P23, P24: a child account is deleted by a guardian or on the child's device behind the PIN,
 * and afterwards no row names it or its devices (reports and legal holds excepted, which
 * outlive the account by design: docs/data-inventory.json), its files are gone, its sockets closed, and the other
 * guardians told. A legal hold suspends deletion (P22); an adult cannot leave a child without
 * any guardian.
 */
const DIALECTS = await testDialects();

describe.each(DIALECTS)('account deletion on %s (P23)', (dialect) => {
  let h: LiveServer;
  let f: BusyFamily;

  beforeAll(async () => {
    h = await startLiveServer(dialect);
    f = await busyFamily(h);
  });
  afterAll(async () => {
    for (const c of f?.chats ?? []) c.close();
    await h.close();
  });

  const del = (url: string, token: string, headers: Record<string, string> = {}) =>
    h.request({ method: 'DELETE', url, token, headers });

  async function tablesMentioning(ids: string[]): Promise<string[]> {
    const out: string[] = [];
    for (const t of await h.ctx.db.db.introspection.getTables()) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(t.name)}`.execute(
        h.ctx.db.db,
      );
      if (rows.rows.some((r) => Object.values(r).some((v) => ids.includes(v as string)))) {
        out.push(t.name);
      }
    }
    return out.sort();
  }

  it('refuses strangers, and the child’s device without the PIN', async () => {
    const missing = await del('/v1/children/nobody', f.mum.token);
    expect(missing.statusCode).toBe(404);
    const stranger = await del(`/v1/children/${f.child.id}`, f.bob.token);
    expect(stranger.statusCode).toBe(404);
    expect(stranger.body).toBe(missing.body);
    const noPin = await del(`/v1/children/${f.child.id}`, f.kid.token);
    expect(noPin.statusCode).toBe(403);
    expect(noPin.json().error.code).toBe('ELEVATION_REQUIRED');
    // An elevation for another action does not delete.
    const other = await elevate(h, f.kid.token, f.child, 'profile.update');
    const wrong = await del(`/v1/children/${f.child.id}`, f.kid.token, {
      [ELEVATION_HEADER]: other,
    });
    expect(wrong.statusCode).toBe(403);
    const kidSelf = await del('/v1/me', f.kid.token);
    expect(kidSelf.statusCode).toBe(403);
    expect(
      await h.ctx.db.db
        .selectFrom('accounts')
        .select('id')
        .where('id', '=', f.child.id)
        .executeTakeFirst(),
    ).toBeDefined();
  });

  it('waits while a legal hold is open', async () => {
    await h.ctx.db.db
      .insertInto('legal_holds')
      .values({
        id: 'hold1',
        account_id: f.child.id,
        reason: 'test',
        created_at: h.clock.now(),
        released_at: null,
      })
      .execute();
    const held = await del(`/v1/children/${f.child.id}`, f.mum.token);
    expect(held.statusCode).toBe(409);
    expect(held.json().error.code).toBe('LEGAL_HOLD');
    const still = await h.request({
      method: 'GET',
      url: `/v1/children/${f.child.id}`,
      token: f.mum.token,
    });
    expect(still.statusCode).toBe(200);
    await h.ctx.db.db
      .updateTable('legal_holds')
      .set({ released_at: h.clock.now() })
      .where('id', '=', 'hold1')
      .execute();
  });

  it('deletes everything about the child from its own device behind the PIN', async () => {
    const devices = (
      await h.ctx.db.db
        .selectFrom('devices')
        .select('id')
        .where('account_id', '=', f.child.id)
        .execute()
    ).map((d) => d.id);
    expect(await tablesMentioning([f.child.id, ...devices])).toEqual(
      expect.arrayContaining([
        'accounts',
        'mailbox_entries',
        'sent_messages',
        'support_requests',
        'blobs',
      ]),
    );
    expect(fileExists(h, f.attachmentId)).toBe(true);

    const token = await elevate(h, f.kid.token, f.child, 'account.delete');
    const res = await del(`/v1/children/${f.child.id}`, f.kid.token, { [ELEVATION_HEADER]: token });
    expect(res.statusCode, res.body).toBe(204);

    // Only reports and the (released) legal hold remain, each for its own retention (P22, P27,
    // P29, docs/data-inventory.json); nothing else names the child or its devices.
    expect(await tablesMentioning([f.child.id, ...devices])).toEqual(['legal_holds', 'reports']);
    expect(fileExists(h, f.attachmentId), blobFile(h, f.attachmentId)).toBe(false);
    // The child's open sockets are closed and its token is dead.
    const codes = await Promise.all(
      [f.chats[0]!.senderSocket, f.chats[1]!.readerSocket].map((s) => s.closed()),
    );
    expect(codes.every((c) => c >= 4000 || c === 1008)).toBe(true);
    const me = await h.request({ method: 'GET', url: '/v1/me', token: f.kid.token });
    expect(me.statusCode).toBe(401);

    // Both guardians hear of it, by name, since the child's ID now points at nothing.
    for (const g of [f.mum, f.dad]) {
      const n = await h.request({ method: 'GET', url: '/v1/notifications', token: g.token });
      expect(n.json().notifications).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: 'account.deleted',
            childId: null,
            data: { publicId: f.child.publicId, displayName: 'Xiao Ming' },
          }),
        ]),
      );
    }
    // Bob's conversation with the child ended, and he can still use his account.
    const convs = await h.request({ method: 'GET', url: '/v1/conversations', token: f.bob.token });
    expect(convs.statusCode).toBe(200);
    expect(convs.json().conversations).toEqual([]);
  });

  it('lets a guardian delete a child, and an adult themselves once no child depends on them', async () => {
    const solo = await signUpAdult(h, 'Solo');
    const child = await createChild(h, solo);
    const sole = await del('/v1/me', solo.token);
    expect(sole.statusCode).toBe(409);
    expect(sole.json().error.code).toBe('SOLE_GUARDIAN');

    const before = await h.request({ method: 'GET', url: '/v1/notifications', token: solo.token });
    expect(before.json().notifications.map((x: { kind: string }) => x.kind)).toContain(
      'child.created',
    );
    expect((await del(`/v1/children/${child.id}`, solo.token)).statusCode).toBe(204);
    // The notices about the child went with it; the guardian who deleted it keeps one notice
    // that it was deleted, with nothing but the child's name and public ID.
    const n = await h.request({ method: 'GET', url: '/v1/notifications', token: solo.token });
    expect(n.json().notifications).toEqual([
      {
        id: expect.any(String),
        kind: 'account.deleted',
        childId: null,
        data: { publicId: child.publicId, displayName: 'Xiao Ming' },
        createdAt: h.clock.now(),
        readAt: null,
      },
    ]);
    expect(await tablesMentioning([child.id])).toEqual([]);

    expect((await del('/v1/me', solo.token)).statusCode).toBe(204);
    expect(await tablesMentioning([solo.accountId])).toEqual([]);
    expect((await h.request({ method: 'GET', url: '/v1/me', token: solo.token })).statusCode).toBe(
      401,
    );
  });

  it('keeps content-free consent evidence about a child when one of two guardians leaves', async () => {
    const ann = await signUpAdult(h, 'Ann');
    const ben = await signUpAdult(h, 'Ben');
    const child = await createChild(h, ann);
    const consent = (body: object) =>
      h.request({
        method: 'POST',
        url: '/v1/consents',
        token: ann.token,
        body: { granted: true, policyVersion: h.ctx.config.policyVersion, ...body },
      });
    expect((await consent({ purpose: 'analytics', childId: child.id })).statusCode).toBe(201);
    expect((await consent({ purpose: 'crash_reports' })).statusCode).toBe(201);
    const invite = await h.request({
      method: 'POST',
      url: `/v1/children/${child.id}/guardian-invites`,
      token: ann.token,
      body: { phone: ben.phone },
    });
    const joined = await h.request({
      method: 'POST',
      url: `/v1/guardian-invites/${invite.json().id}/accept`,
      token: ben.token,
    });
    expect(joined.statusCode, joined.body).toBe(200);
    const given = await h.ctx.db.db
      .selectFrom('consents')
      .selectAll()
      .where('guardian_id', '=', ann.accountId)
      .execute();
    expect(given.map((c) => c.purpose).sort()).toEqual([
      'analytics',
      'child_account',
      'crash_reports',
    ]);

    expect((await del('/v1/me', ann.token)).statusCode).toBe(204);
    const deletedAt = h.clock.now();

    // Nothing names Ann, not even her phone number (her sign-in codes are keyed by it)...
    expect(await tablesMentioning([ann.accountId])).toEqual([]);
    expect(await tablesMentioning([ann.phone])).toEqual([]);
    // ...Ben is told she no longer looks after the child, in a notice naming no one...
    const told = await h.request({ method: 'GET', url: '/v1/notifications', token: ben.token });
    expect(
      told.json().notifications.filter((x: { kind: string }) => x.kind === 'guardian.left'),
    ).toEqual([expect.objectContaining({ childId: child.id, data: {}, readAt: null })]);
    // ...but what she consented to for the child stays, with the child, as evidence.
    const kept = await h.ctx.db.db
      .selectFrom('consent_evidence')
      .selectAll()
      .where('child_id', '=', child.id)
      .orderBy('purpose')
      .execute();
    const about = given.filter((c) => c.child_id === child.id);
    expect(kept).toEqual(
      about
        .sort((a, b) => a.purpose.localeCompare(b.purpose))
        .map((c) => ({
          id: c.id,
          child_id: child.id,
          purpose: c.purpose,
          granted: 1,
          policy_version: h.ctx.config.policyVersion,
          used_at: c.used_at,
          created_at: c.created_at,
          withdrawn_at: deletedAt,
        })),
    );
    expect(kept.map((c) => c.purpose)).toEqual(['analytics', 'child_account']);
    // The consent about no child (crash reports) is not kept at all.
    const all = await h.ctx.db.db.selectFrom('consent_evidence').select('id').execute();
    const crash = given.find((c) => c.purpose === 'crash_reports')!;
    expect(all.map((r) => r.id)).not.toContain(crash.id);

    // The remaining guardian sees it in the child's export (P24).
    const exported = await h.request({
      method: 'GET',
      url: `/v1/children/${child.id}/export`,
      token: ben.token,
    });
    expect(exported.statusCode, exported.body).toBe(200);
    expect(
      exported
        .json()
        .sections.consent_evidence.map((c: { purpose: string }) => c.purpose)
        .sort(),
    ).toEqual(['analytics', 'child_account']);

    // It goes with the child.
    expect((await del(`/v1/children/${child.id}`, ben.token)).statusCode).toBe(204);
    expect(await tablesMentioning([child.id])).toEqual([]);
    const notes = await h.request({ method: 'GET', url: '/v1/notifications', token: ben.token });
    expect(notes.json().notifications.map((x: { kind: string }) => x.kind)).toEqual([
      'account.deleted',
    ]);
  });

  it('takes the child out of a group: membership gone, the server proposes its MLS removal', async () => {
    const mum = await seedAccount(h, 'adult');
    const kid = await seedAccount(h, 'child');
    const bob = await seedAccount(h, 'adult');
    const carol = await seedAccount(h, 'adult');
    await new GuardianshipStore(h.ctx.db.db).add(kid.accountId, mum.accountId, 'primary', 0);
    await approve(h, bob, kid);
    await approve(h, carol, kid);
    const bobDev = await mlsDevice(h, bob);
    for (const who of [kid, carol]) await uploadKeyPackages(h, await mlsDevice(h, who), 1);
    const created = await createConversation(h, bob, [kid, carol], 'group');
    expect(created.statusCode, created.body).toBe(201);
    const conv = created.json().id as string;
    bobDev.group = await createGroup(bobDev.crypto, bobDev.identity, {
      groupId: new Uint8Array(Buffer.from(conv, 'hex')),
    });
    const kps = await claim(h, bob, [kid, carol]);
    const pending = await addMembers(
      bobDev.crypto,
      bobDev.group,
      kps.map((k) => unb64(k.keyPackage)),
    );
    expect((await postCommit(h, bob, conv, pending)).statusCode).toBe(200);

    const res = await del(`/v1/children/${kid.accountId}`, mum.token);
    expect(res.statusCode, res.body).toBe(204);
    const members = await h.ctx.db.db
      .selectFrom('conversation_members')
      .select('account_id')
      .where('conversation_id', '=', conv)
      .execute();
    expect(members.map((m) => m.account_id).sort()).toEqual(
      [bob.accountId, carol.accountId].sort(),
    );
    for (const who of [bob, carol]) {
      const waiting = await mailboxOf(h, who.deviceId, conv);
      expect(waiting.filter((e) => e.kind === 'proposal' && e.sender_id === 'server')).toHaveLength(
        1,
      );
    }
    expect(await tablesMentioning([kid.accountId, kid.deviceId])).toEqual([]);
  });
});
