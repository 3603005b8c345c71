import {
  decodeMlsMessage,
  encodeMlsMessage,
  getCiphersuiteFromName,
  getCiphersuiteImpl,
} from 'ts-mls';
import { protectExternalProposalPublic } from 'ts-mls/messageProtectionPublic.js';
import { describe, expect, it } from 'vitest';
import {
  addMembers,
  buildExternalRemove,
  commitPendingProposals,
  encryptMessage,
  CIPHERSUITE_NAME,
  inspectGroupInfo,
  joinByExternalCommit,
  joinFromWelcome,
  pendingProposalCount,
  processIncoming,
} from '../src/index.js';
import {
  deliver,
  expectCode,
  generateServerKeyPair,
  groupOf,
  makeDevice,
  text,
} from './helpers.js';

describe('server as external sender', () => {
  it("enforces a guardian's removal: the server proposes, a member commits", async () => {
    const server = await generateServerKeyPair();
    const kid = await makeDevice(server, 'kid');
    const friend = await makeDevice(server, 'friend');
    const stranger = await makeDevice(server, 'stranger');
    await groupOf(kid, friend);
    const add = await addMembers(kid.ctx, kid.group!, [stranger.keyPackages[0]!.keyPackage]);
    kid.group = add.confirm();
    await deliver(friend, { ciphertext: add.commit });
    stranger.group = (
      await joinFromWelcome(stranger.ctx, stranger.identity, stranger.keyPackages, add.welcome!)
    ).group;

    // The server only sees the published GroupInfo, never a key that decrypts.
    const summary = inspectGroupInfo(add.groupInfo);
    expect(summary.members.map((m) => m.accountId).sort()).toEqual(['friend', 'kid', 'stranger']);
    const proposals = await buildExternalRemove(server, add.groupInfo, { accountId: 'stranger' });
    expect(proposals).toHaveLength(1);

    const seen = await deliver(kid, { ciphertext: proposals[0]! });
    expect(seen.kind === 'proposal' && seen.removes.map((m) => m.accountId)).toEqual(['stranger']);
    await deliver(friend, { ciphertext: proposals[0]! });
    expect(pendingProposalCount(kid.group!)).toBe(1);

    const commit = await commitPendingProposals(kid.ctx, kid.group!);
    kid.group = commit.confirm();
    expect(kid.group.members.map((m) => m.accountId).sort()).toEqual(['friend', 'kid']);
    const f = await deliver(friend, { ciphertext: commit.commit });
    expect(f.kind === 'commit' && f.removed.map((m) => m.accountId)).toEqual(['stranger']);
    await deliver(stranger, { ciphertext: proposals[0]! });
    const gone = await deliver(stranger, { ciphertext: commit.commit });
    expect(gone.kind === 'commit' && gone.removedSelf).toBe(true);

    const after = await encryptMessage(kid.ctx, kid.group, text('a', 'bye stranger'));
    kid.group = after.group;
    expect((await deliver(friend, after)).kind).toBe('application');
  });

  it('removes exactly one device when the selector names it (a signed-out device)', async () => {
    const server = await generateServerKeyPair();
    const kid = await makeDevice(server, 'kid');
    const phone = await makeDevice(server, 'friend', 'phone');
    const tablet = await makeDevice(server, 'friend', 'tablet');
    await groupOf(kid, phone, tablet);
    const u = await commitPendingProposals(kid.ctx, kid.group!);
    kid.group = u.confirm();
    for (const d of [phone, tablet]) await deliver(d, { ciphertext: u.commit });

    await expectCode(
      buildExternalRemove(server, u.groupInfo, { accountId: 'friend', deviceId: 'laptop' }),
      'NOT_A_MEMBER',
    );
    const proposals = await buildExternalRemove(server, u.groupInfo, {
      accountId: 'friend',
      deviceId: 'tablet',
    });
    expect(proposals).toHaveLength(1);
    const seen = await deliver(kid, { ciphertext: proposals[0]! });
    expect(
      seen.kind === 'proposal' && seen.removes.map((m) => `${m.accountId}/${m.deviceId}`),
    ).toEqual(['friend/tablet']);
    await deliver(phone, { ciphertext: proposals[0]! });
    const commit = await commitPendingProposals(kid.ctx, kid.group!);
    kid.group = commit.confirm();
    expect(kid.group.members.map((m) => `${m.accountId}/${m.deviceId}`).sort()).toEqual([
      'friend/phone',
      'kid/d1',
    ]);
    await deliver(phone, { ciphertext: commit.commit });
    const hi = await encryptMessage(kid.ctx, kid.group, text('t', 'still here, phone?'));
    kid.group = hi.group;
    expect((await deliver(phone, hi)).kind).toBe('application');
  });

  it('a proposal signed by anyone but the server is refused', async () => {
    const server = await generateServerKeyPair();
    const rogue = await generateServerKeyPair();
    const kid = await makeDevice(server, 'kid');
    const friend = await makeDevice(server, 'friend');
    await groupOf(kid, friend);
    const u = await commitPendingProposals(kid.ctx, kid.group!);
    kid.group = u.confirm();
    await deliver(friend, { ciphertext: u.commit });
    await expectCode(
      buildExternalRemove(rogue, u.groupInfo, { accountId: 'friend' }),
      'CREDENTIAL_INVALID',
    );

    // Forge one anyway, claiming to be external sender #0, signed with the rogue key.
    const decoded = decodeMlsMessage(u.groupInfo, 0)![0];
    if (decoded.wireformat !== 'mls_group_info') throw new Error('expected GroupInfo');
    const forged = await protectExternalProposalPublic(
      rogue.privateKey,
      decoded.groupInfo.groupContext,
      new Uint8Array(),
      { proposalType: 'remove', remove: { removed: friend.group!.self.leafIndex } },
      { senderType: 'external', senderIndex: 0 },
      await getCiphersuiteImpl(getCiphersuiteFromName(CIPHERSUITE_NAME)),
    );
    const bytes = encodeMlsMessage({
      version: 'mls10',
      wireformat: 'mls_public_message',
      publicMessage: forged.publicMessage,
    });
    const before = kid.group;
    await expectCode(processIncoming(kid.ctx, before, { ciphertext: bytes }), 'COMMIT_REJECTED');
    expect(pendingProposalCount(kid.group)).toBe(0);
  });
});

describe('join by external commit', () => {
  it("a member's new device joins from the GroupInfo", async () => {
    const server = await generateServerKeyPair();
    const kid = await makeDevice(server, 'kid');
    const friend = await makeDevice(server, 'friend');
    const tablet = await makeDevice(server, 'kid', 'tablet');
    await groupOf(kid, friend);
    const u = await commitPendingProposals(kid.ctx, kid.group!);
    kid.group = u.confirm();
    await deliver(friend, { ciphertext: u.commit });

    const join = await joinByExternalCommit(tablet.ctx, tablet.identity, u.groupInfo);
    expect(join.fromEpoch).toBe(kid.group.epoch);
    tablet.group = join.confirm();
    const k = await deliver(kid, { ciphertext: join.commit });
    expect(k.kind === 'commit' && k.added.map((m) => `${m.accountId}/${m.deviceId}`)).toEqual([
      'kid/tablet',
    ]);
    await deliver(friend, { ciphertext: join.commit });

    const hi = await encryptMessage(friend.ctx, friend.group!, text('h', 'hello both devices'));
    friend.group = hi.group;
    expect((await deliver(tablet, hi)).kind).toBe('application');
    expect((await deliver(kid, hi)).kind).toBe('application');
  });

  it('an account that is not in the conversation cannot join by itself', async () => {
    const server = await generateServerKeyPair();
    const kid = await makeDevice(server, 'kid');
    const friend = await makeDevice(server, 'friend');
    const stranger = await makeDevice(server, 'stranger');
    await groupOf(kid, friend);
    const u = await commitPendingProposals(kid.ctx, kid.group!);
    kid.group = u.confirm();
    await deliver(friend, { ciphertext: u.commit });
    const join = await joinByExternalCommit(stranger.ctx, stranger.identity, u.groupInfo);
    const before = friend.group!;
    await expectCode(
      processIncoming(friend.ctx, before, { ciphertext: join.commit }),
      'COMMIT_REJECTED',
    );
    expect(friend.group).toBe(before);
  });
});
