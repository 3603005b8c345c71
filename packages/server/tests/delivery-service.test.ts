import {
  addMembers,
  commitPendingProposals,
  createGroup,
  encryptMessage,
  generateKeyPackages,
  joinByExternalCommit,
  joinFromWelcome,
  processIncoming,
  verifyCredential,
} from '@kidtalk/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../src/clock.js';
import { testDialects } from './support/databases.js';
import type { Harness } from './support/harness.js';
import { startHarness } from './support/harness.js';
import type { MlsDevice } from './support/mls-flows.js';
import {
  addDevice,
  approve,
  b64,
  claim,
  createConversation,
  mailboxOf,
  mlsDevice,
  postCommit,
  seedAccount,
  unb64,
  uploadKeyPackages,
} from './support/mls-flows.js';

/** The MLS delivery service with real MLS on both sides: credentials, KeyPackages, commits. */

const DIALECTS = await testDialects();
const hexBytes = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));

describe.each(DIALECTS)('MLS delivery service (%s)', (dialect) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(dialect);
  });
  afterAll(async () => h?.close());

  it('issues a credential naming the caller’s own device, checkable with the server key', async () => {
    const mum = await seedAccount(h);
    const dev = await mlsDevice(h, mum);
    const cred = await verifyCredential(dev.identity.credential, dev.crypto.serverPublicKey);
    expect(cred.accountId).toBe(mum.accountId);
    expect(cred.deviceId).toBe(mum.deviceId);
  });

  it('refuses another device’s KeyPackage, a last-resort one in the wrong slot, and an expired one', async () => {
    const mum = await seedAccount(h);
    const tablet = await addDevice(h, mum);
    const phone = await mlsDevice(h, mum);
    const [pkg] = await generateKeyPackages(phone.identity, { now: nowSec(h) });
    const upload = (token: string, body: unknown) =>
      h.request({ method: 'POST', url: '/v1/key-packages', token, body });
    // Same account, other device: the credential must name the uploading device.
    const other = await upload(tablet.token, { keyPackages: [b64(pkg!.keyPackage)] });
    expect(other.statusCode).toBe(400);
    const [last] = await generateKeyPackages(phone.identity, { lastResort: true, now: nowSec(h) });
    expect((await upload(mum.token, { keyPackages: [b64(last!.keyPackage)] })).statusCode).toBe(
      400,
    );
    const [old] = await generateKeyPackages(phone.identity, {
      lifetimeSeconds: 60,
      now: nowSec(h) - 7200,
    });
    expect((await upload(mum.token, { keyPackages: [b64(old!.keyPackage)] })).statusCode).toBe(400);
    const ok = await upload(mum.token, { keyPackages: [b64(pkg!.keyPackage)] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().remaining).toBe(1);
  });

  it('hands each single-use package out once under concurrent claims, then the last resort', async () => {
    const mum = await seedAccount(h);
    const kid = await seedAccount(h, 'child');
    const gran = await seedAccount(h);
    const stranger = await seedAccount(h);
    await approve(h, mum, kid);
    await approve(h, gran, kid);
    const kidDev = await mlsDevice(h, kid);
    const uploaded = await uploadKeyPackages(h, kidDev, 3, true);
    const lows: string[] = [];
    const off = h.ctx.bus.subscribe(`dev:${kid.deviceId}`, (p) => lows.push(p));
    const claims = await Promise.all(
      [mum, gran, mum, gran, mum, gran].map((who) => claim(h, who, [kid])),
    );
    off();
    const got = claims.map((c) => c[0]?.keyPackage);
    const single = uploaded.filter((k) => !k.lastResort).map((k) => b64(k.keyPackage));
    const lastResort = b64(uploaded.find((k) => k.lastResort)!.keyPackage);
    expect(got.filter((g) => g !== lastResort).sort()).toEqual([...single].sort());
    expect(got.filter((g) => g === lastResort)).toHaveLength(3);
    expect(lows.map((p) => JSON.parse(p).t)).toContain('kp_low');
    // A stranger gets nothing, exactly as for an account that does not exist.
    expect(await claim(h, stranger, [kid])).toEqual([]);
    const count = await h.request({
      method: 'GET',
      url: '/v1/key-packages/count',
      token: kid.token,
    });
    expect(count.json()).toEqual({ remaining: 0, lowWater: 10 });
  });

  it('never hands out an expired package', async () => {
    const mum = await seedAccount(h);
    const kid = await seedAccount(h, 'child');
    await approve(h, mum, kid);
    const kidDev = await mlsDevice(h, kid);
    const [short] = await generateKeyPackages(kidDev.identity, {
      lifetimeSeconds: 120,
      now: nowSec(h),
    });
    const res = await h.request({
      method: 'POST',
      url: '/v1/key-packages',
      token: kid.token,
      body: { keyPackages: [b64(short!.keyPackage)] },
    });
    expect(res.statusCode, res.body).toBe(200);
    h.clock.advance(10 * MINUTE);
    expect(await claim(h, mum, [kid])).toEqual([]);
  });

  describe('one group end to end', () => {
    let mum: MlsDevice;
    let kid: MlsDevice;
    let convId: string;

    it('routes the Welcome only to the added devices and delivers the commit to members', async () => {
      const mumAcct = await seedAccount(h);
      const kidAcct = await seedAccount(h, 'child');
      const kidTablet = await addDevice(h, kidAcct);
      await approve(h, mumAcct, kidAcct);
      mum = await mlsDevice(h, mumAcct);
      kid = await mlsDevice(h, kidAcct);
      await uploadKeyPackages(h, kid, 2);
      const created = await createConversation(h, mumAcct, [kidAcct]);
      expect(created.statusCode, created.body).toBe(201);
      convId = created.json().id;
      mum.group = await createGroup(mum.crypto, mum.identity, { groupId: hexBytes(convId) });
      const kps = await claim(h, mumAcct, [kidAcct]);
      expect(kps.map((k) => k.deviceId)).toEqual([kidAcct.deviceId]); // the tablet has none
      const pending = await addMembers(
        mum.crypto,
        mum.group,
        kps.map((k) => unb64(k.keyPackage)),
      );
      const res = await postCommit(h, mumAcct, convId, pending);
      expect(res.statusCode, res.body).toBe(200);
      mum.group = pending.confirm();
      const kidBox = await mailboxOf(h, kidAcct.deviceId, convId);
      expect(kidBox.map((e) => e.kind)).toEqual(['welcome']);
      expect(await mailboxOf(h, kidTablet.deviceId, convId)).toEqual([]);
      expect(await mailboxOf(h, mumAcct.deviceId, convId)).toEqual([]);
      const joined = await joinFromWelcome(
        kid.crypto,
        kid.identity,
        kid.secrets,
        unb64(kidBox[0]!.body),
      );
      kid.group = joined.group;
      const sent = await encryptMessage(mum.crypto, mum.group, text('hello'));
      mum.group = sent.group;
      const got = await processIncoming(kid.crypto, kid.group, sent);
      expect(got.kind === 'application' && got.body).toMatchObject({
        content: { type: 'text', text: 'hello' },
      });
      kid.group = got.group;
    });

    it('orders concurrent commits: one 2xx, the other EPOCH_CONFLICT, and the loser recovers', async () => {
      const a = await commitPendingProposals(mum.crypto, mum.group!);
      const b = await commitPendingProposals(kid.crypto, kid.group!);
      const [ra, rb] = await Promise.all([
        postCommit(h, mum.who, convId, a),
        postCommit(h, kid.who, convId, b),
      ]);
      expect([ra.statusCode, rb.statusCode].sort()).toEqual([200, 409]);
      const [winner, loser, loserPending] = ra.statusCode === 200 ? [mum, kid, b] : [kid, mum, a];
      const loserRes = ra.statusCode === 200 ? rb : ra;
      expect(loserRes.json().error.code).toBe('EPOCH_CONFLICT');
      winner.group = (winner === mum ? a : b).confirm();
      loser.group = loserPending.discard()!;
      const box = await mailboxOf(h, loser.who.deviceId, convId);
      const commit = box.filter((e) => e.kind === 'commit').at(-1)!;
      const processed = await processIncoming(loser.crypto, loser.group, {
        ciphertext: unb64(commit.body),
      });
      loser.group = processed.group;
      expect(loser.group.epoch).toBe(winner.group.epoch);
      const conv = await h.request({
        method: 'GET',
        url: `/v1/conversations/${convId}`,
        token: mum.who.token,
      });
      expect(conv.json().epoch).toBe(Number(winner.group.epoch));
    });

    it('lets a member’s new device join from the stored GroupInfo, and nobody else', async () => {
      const tablet = await mlsDevice(h, await addDevice(h, mum.who));
      const stranger = await mlsDevice(h, await seedAccount(h));
      const gi = await h.request({
        method: 'GET',
        url: `/v1/conversations/${convId}/group-info`,
        token: tablet.who.token,
      });
      expect(gi.statusCode, gi.body).toBe(200);
      const strangerGi = await h.request({
        method: 'GET',
        url: `/v1/conversations/${convId}/group-info`,
        token: stranger.who.token,
      });
      expect(strangerGi.statusCode).toBe(404);
      // Even holding the GroupInfo, a stranger's external commit is refused like a missing group.
      const forged = await joinByExternalCommit(
        stranger.crypto,
        stranger.identity,
        unb64(gi.json().groupInfo),
      );
      const refused = await h.request({
        method: 'POST',
        url: `/v1/conversations/${convId}/external-commits`,
        token: stranger.who.token,
        body: {
          epoch: Number(forged.fromEpoch),
          commit: b64(forged.commit),
          groupInfo: b64(forged.groupInfo),
        },
      });
      expect(refused.statusCode).toBe(404);
      expect(refused.body).toBe(strangerGi.body);
      const pending = await joinByExternalCommit(
        tablet.crypto,
        tablet.identity,
        unb64(gi.json().groupInfo),
      );
      const res = await h.request({
        method: 'POST',
        url: `/v1/conversations/${convId}/external-commits`,
        token: tablet.who.token,
        body: {
          epoch: Number(pending.fromEpoch),
          commit: b64(pending.commit),
          groupInfo: b64(pending.groupInfo),
        },
      });
      expect(res.statusCode, res.body).toBe(200);
      tablet.group = pending.confirm();
      for (const d of [mum, kid]) {
        const box = await mailboxOf(h, d.who.deviceId, convId);
        const r = await processIncoming(d.crypto, d.group!, {
          ciphertext: unb64(box.filter((e) => e.kind === 'commit').at(-1)!.body),
        });
        d.group = r.group;
      }
      const sent = await encryptMessage(kid.crypto, kid.group!, text('hi tablet'));
      kid.group = sent.group;
      const got = await processIncoming(tablet.crypto, tablet.group, sent);
      expect(got.kind).toBe('application');
    });

    it('enforces a revocation: child out of membership, no delivery, a server proposal a member commits', async () => {
      await h.ctx.contactEvents.severed(mum.who.accountId, kid.who.accountId);
      const view = await h.request({
        method: 'GET',
        url: `/v1/conversations/${convId}`,
        token: mum.who.token,
      });
      expect(view.json().members.map((m: { accountId: string }) => m.accountId)).toEqual([
        mum.who.accountId,
      ]);
      expect(await h.ctx.conversationPolicy.route(convId, kid.who.accountId)).toBeNull();
      const route = await h.ctx.conversationPolicy.route(convId, mum.who.accountId);
      expect(route!.recipients.map((r) => r.accountId)).toEqual([mum.who.accountId]);
      const proposals = (await mailboxOf(h, mum.who.deviceId, convId)).filter(
        (e) => e.kind === 'proposal',
      );
      expect(proposals.length).toBeGreaterThan(0);
      expect(proposals.every((p) => p.sender_id === 'server')).toBe(true);
      expect(await mailboxOf(h, kid.who.deviceId, convId)).not.toContainEqual(
        expect.objectContaining({ kind: 'proposal' }),
      );
      // A commit that keeps the child is refused until the removal is in it.
      const stale = await commitPendingProposals(mum.crypto, mum.group!);
      expect((await postCommit(h, mum.who, convId, stale)).statusCode).toBe(409);
      mum.group = stale.discard()!;
      for (const p of proposals) {
        const r = await processIncoming(mum.crypto, mum.group, { ciphertext: unb64(p.body) });
        expect(r.kind).toBe('proposal');
        mum.group = r.group;
      }
      const removal = await commitPendingProposals(mum.crypto, mum.group);
      const res = await postCommit(h, mum.who, convId, removal);
      expect(res.statusCode, res.body).toBe(200);
      mum.group = removal.confirm();
      expect(mum.group.members.some((m) => m.accountId === kid.who.accountId)).toBe(false);
    });
  });
});

function nowSec(h: Harness): number {
  return Math.floor(h.clock.now() / 1000);
}

function text(t: string) {
  return {
    id: `m${Math.random().toString(36).slice(2)}`,
    sentAt: 0,
    content: { type: 'text' as const, text: t },
  };
}
