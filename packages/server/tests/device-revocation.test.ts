import {
  addMembers,
  commitPendingProposals,
  createGroup,
  encryptMessage,
  joinFromWelcome,
  processIncoming,
} from '@kidtalk/crypto';
import type { MsgFrame, ServerFrame } from '@kidtalk/protocol';
import { CloseCode } from '@kidtalk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RetentionJob } from '../src/jobs/retention-job.js';
import { serverRetentionRules } from '../src/jobs/retention-rules.js';
import { testDialects } from './support/databases.js';
import type { LiveServer } from './support/live-server.js';
import { startLiveServer } from './support/live-server.js';
import type { MlsDevice } from './support/mls-flows.js';
import {
  addDevice,
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
import { TestSocket } from './support/ws-client.js';

/**
 * A device that signs out, or whose session is revoked, leaves every MLS group it was in: its
 * undelivered entries go at once, the server proposes the removal of exactly its leaf to the
 * devices that stay, and no commit that keeps the leaf is ordered.
 */

const DIALECTS = await testDialects();
const hexBytes = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));
const leafIds = (ms: readonly { accountId: string; deviceId: string }[]) =>
  ms.map((m) => `${m.accountId}/${m.deviceId}`).sort();

describe.each(DIALECTS)('device revocation in MLS groups (%s)', (dialect) => {
  let h: LiveServer;
  const sockets: TestSocket[] = [];
  const connect = async (token: string) => {
    const s = await TestSocket.connect(h.url, token);
    sockets.push(s);
    return s;
  };
  beforeAll(async () => {
    h = await startLiveServer(dialect);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await h?.close();
  });

  /** Mum's group with her child's phone and tablet, every device joined at the MLS layer. */
  async function familyGroup() {
    const mumAcct = await seedAccount(h);
    const kidAcct = await seedAccount(h, 'child');
    const tabletAcct = await addDevice(h, kidAcct);
    await approve(h, mumAcct, kidAcct);
    const mum = await mlsDevice(h, mumAcct);
    const phone = await mlsDevice(h, kidAcct);
    const tablet = await mlsDevice(h, tabletAcct);
    await uploadKeyPackages(h, phone, 1);
    await uploadKeyPackages(h, tablet, 1);
    const created = await createConversation(h, mumAcct, [kidAcct]);
    expect(created.statusCode, created.body).toBe(201);
    const convId: string = created.json().id;
    mum.group = await createGroup(mum.crypto, mum.identity, { groupId: hexBytes(convId) });
    const kps = await claim(h, mumAcct, [kidAcct]);
    expect(kps).toHaveLength(2);
    const add = await addMembers(
      mum.crypto,
      mum.group,
      kps.map((k) => unb64(k.keyPackage)),
    );
    const res = await postCommit(h, mumAcct, convId, add);
    expect(res.statusCode, res.body).toBe(200);
    mum.group = add.confirm();
    for (const d of [phone, tablet]) {
      const [welcome] = await mailboxOf(h, d.who.deviceId, convId);
      const joined = await joinFromWelcome(d.crypto, d.identity, d.secrets, unb64(welcome!.body));
      d.group = joined.group;
    }
    return { convId, mum, phone, tablet };
  }

  const proposalIn = (convId: string) => (f: ServerFrame) =>
    f.t === 'msg' && f.kind === 'proposal' && f.conv === convId;

  /** The removals pending in the device's group once it has processed this proposal. */
  async function processProposal(d: MlsDevice, body: string) {
    const r = await processIncoming(d.crypto, d.group!, { ciphertext: unb64(body) });
    d.group = r.group;
    return r.kind === 'proposal' ? leafIds(r.removes) : [];
  }

  it('signing out: the others get a proposal over the socket that removes exactly that leaf; a commit keeping it is refused', async () => {
    const { convId, mum, phone, tablet } = await familyGroup();
    const mumSocket = await connect(mum.who.token);
    const phoneSocket = await connect(phone.who.token);
    const tabletSocket = await connect(tablet.who.token);
    expect(await mailboxOf(h, tablet.who.deviceId, convId)).not.toEqual([]);
    // Built before the sign-out is visible: it keeps the tablet's leaf.
    const stale = await commitPendingProposals(mum.crypto, mum.group!);

    const out = await h.request({
      method: 'POST',
      url: '/v1/auth/sign-out',
      token: tablet.who.token,
    });
    expect(out.statusCode).toBe(204);
    expect(await tabletSocket.closed()).toBe(CloseCode.Revoked);
    expect(await undelivered(tablet.who.deviceId)).toBe(0);

    const [toMum, toPhone] = await Promise.all([
      mumSocket.next<MsgFrame>(proposalIn(convId)),
      phoneSocket.next<MsgFrame>(proposalIn(convId)),
    ]);
    expect(toMum).toMatchObject({ from: 'server', dev: 'server' });
    expect(toPhone.body).toBe(toMum.body);
    // Exactly one proposal each: nothing for the phone's leaf or the account as a whole.
    expect((await mumSocket.quiet()).filter(proposalIn(convId))).toEqual([]);

    const refused = await postCommit(h, mum.who, convId, stale);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('CONFLICT');
    mum.group = stale.discard()!;
    const tabletLeaf = [`${tablet.who.accountId}/${tablet.who.deviceId}`];
    expect(await processProposal(mum, toMum.body)).toEqual(tabletLeaf);
    expect(await processProposal(phone, toPhone.body)).toEqual(tabletLeaf);
    const removal = await commitPendingProposals(mum.crypto, mum.group);
    const ok = await postCommit(h, mum.who, convId, removal);
    expect(ok.statusCode, ok.body).toBe(200);
    mum.group = removal.confirm();
    expect(leafIds(mum.group.members)).toEqual(
      leafIds([
        { accountId: mum.who.accountId, deviceId: mum.who.deviceId },
        { accountId: phone.who.accountId, deviceId: phone.who.deviceId },
      ]),
    );
    const commit = await phoneSocket.next<MsgFrame>(
      (f) => f.t === 'msg' && f.kind === 'commit' && f.conv === convId,
    );
    phone.group = (
      await processIncoming(phone.crypto, phone.group!, { ciphertext: unb64(commit.body) })
    ).group;
    const hi = await encryptMessage(mum.crypto, mum.group, text('still here'));
    expect((await processIncoming(phone.crypto, phone.group, hi)).kind).toBe('application');
  });

  it('a guardian revoking the child’s session and a device revoking another do the same', async () => {
    const { convId, mum, phone, tablet } = await familyGroup();
    await h.ctx.db.db
      .insertInto('guardianships')
      .values({
        child_id: tablet.who.accountId,
        guardian_id: mum.who.accountId,
        role: 'primary',
        created_at: 0,
      })
      .execute();
    // A second conversation the MLS layer never started: nothing to propose there.
    const other = await createConversation(h, mum.who, [tablet.who]);
    expect(other.statusCode, other.body).toBe(201);

    const res = await h.request({
      method: 'DELETE',
      url: `/v1/children/${tablet.who.accountId}/sessions/${await sessionOf(tablet.who.deviceId)}`,
      token: mum.who.token,
    });
    expect(res.statusCode, res.body).toBe(204);
    expect(await undelivered(tablet.who.deviceId)).toBe(0);
    const tabletLeaf = [`${tablet.who.accountId}/${tablet.who.deviceId}`];
    for (const d of [mum, phone]) {
      const proposals = (await mailboxOf(h, d.who.deviceId, convId)).filter(
        (e) => e.kind === 'proposal',
      );
      expect(proposals.map((p) => p.sender_id)).toEqual(['server']);
      expect(await processProposal(d, proposals[0]!.body)).toEqual(tabletLeaf);
      expect(await mailboxOf(h, d.who.deviceId, other.json().id)).toEqual([]);
    }

    // Mum revokes her own session from her list: her leaf goes the same way.
    const mine = await h.request({
      method: 'DELETE',
      url: `/v1/sessions/${await sessionOf(mum.who.deviceId)}`,
      token: mum.who.token,
    });
    expect(mine.statusCode, mine.body).toBe(204);
    const toPhone = (await mailboxOf(h, phone.who.deviceId, convId)).filter(
      (e) => e.kind === 'proposal',
    );
    expect(toPhone).toHaveLength(2);
    // What the group now has pending: the tablet's removal and hers, nobody else's.
    expect(await processProposal(phone, toPhone[1]!.body)).toEqual(
      [...tabletLeaf, `${mum.who.accountId}/${mum.who.deviceId}`].sort(),
    );
  });

  it('an expired session ends like a sign-out: the retention pass proposes its leaf’s removal', async () => {
    const { convId, mum, phone, tablet } = await familyGroup();
    await h.ctx.db.db
      .updateTable('sessions')
      .set({ expires_at: h.clock.now() - 1 })
      .where('device_id', '=', tablet.who.deviceId)
      .execute();
    const job = new RetentionJob(
      h.ctx.db,
      h.clock,
      h.ctx.logger,
      undefined,
      serverRetentionRules(h.ctx.sessions),
    );
    expect((await job.runOnce())['sessions.expired']).toBe(1);
    expect(await sessionCount(tablet.who.deviceId)).toBe(0);
    const tabletLeaf = [`${tablet.who.accountId}/${tablet.who.deviceId}`];
    for (const d of [mum, phone]) {
      const proposals = (await mailboxOf(h, d.who.deviceId, convId)).filter(
        (e) => e.kind === 'proposal',
      );
      expect(proposals.map((p) => p.sender_id)).toEqual(['server']);
      expect(await processProposal(d, proposals[0]!.body)).toEqual(tabletLeaf);
    }
    // The group is not stuck: committing the proposal is accepted.
    const removal = await commitPendingProposals(mum.crypto, mum.group!);
    const ok = await postCommit(h, mum.who, convId, removal);
    expect(ok.statusCode, ok.body).toBe(200);
  });

  async function sessionCount(deviceId: string): Promise<number> {
    const row = await h.ctx.db.db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('device_id', '=', deviceId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function undelivered(deviceId: string): Promise<number> {
    const row = await h.ctx.db.db
      .selectFrom('mailbox_entries')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('device_id', '=', deviceId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function sessionOf(deviceId: string): Promise<string> {
    const row = await h.ctx.db.db
      .selectFrom('sessions')
      .select('id')
      .where('device_id', '=', deviceId)
      .executeTakeFirstOrThrow();
    return row.id;
  }
});

function text(t: string) {
  return {
    id: `m${Math.random().toString(36).slice(2)}`,
    sentAt: 0,
    content: { type: 'text' as const, text: t },
  };
}
