import { describe, expect, it } from 'vitest';
import { encryptMessage, processIncoming, removeMembers } from '../src/index.js';
import {
  deliver,
  expectCode,
  generateServerKeyPair,
  groupOf,
  makeDevice,
  text,
} from './helpers.js';

// ts-mls 1.6.2 let a removed member keep decrypting. This test stays forever.
describe('a removed member cannot decrypt anything sent after its removal', () => {
  it('neither with its pre-removal state nor after processing the removal', async () => {
    const server = await generateServerKeyPair();
    const alice = await makeDevice(server, 'alice');
    const bob = await makeDevice(server, 'bob');
    const carol = await makeDevice(server, 'carol');
    await groupOf(alice, bob, carol);
    const carolBefore = carol.group!;

    const pending = await removeMembers(alice.ctx, alice.group!, [{ accountId: 'carol' }]);
    alice.group = pending.confirm();
    expect(alice.group.members.map((m) => m.accountId).sort()).toEqual(['alice', 'bob']);
    const bobSeen = await deliver(bob, { ciphertext: pending.commit });
    expect(bobSeen.kind === 'commit' && bobSeen.removed.map((m) => m.accountId)).toEqual(['carol']);

    const secret = await encryptMessage(alice.ctx, alice.group, text('s1', 'after removal'));
    alice.group = secret.group;
    const bobGot = await deliver(bob, secret);
    expect(bobGot.kind === 'application' && bobGot.body.content).toEqual({
      type: 'text',
      text: 'after removal',
    });

    // 1. Carol never saw the removal commit: the new epoch is out of her reach.
    await expectCode(processIncoming(carol.ctx, carolBefore, secret), 'DECRYPT_FAILED');

    // 2. Carol processes her removal: she learns it, and still cannot decrypt.
    const removed = await deliver(carol, { ciphertext: pending.commit });
    expect(removed.kind === 'commit' && removed.removedSelf).toBe(true);
    expect(carol.group!.active).toBe(false);
    await expectCode(processIncoming(carol.ctx, carol.group!, secret), 'DECRYPT_FAILED');
    await expectCode(
      encryptMessage(carol.ctx, carol.group!, text('x', 'still here?')),
      'NOT_A_MEMBER',
    );

    // 3. Later epochs too.
    const b2 = await encryptMessage(bob.ctx, bob.group!, text('s2', 'later'));
    bob.group = b2.group;
    await expectCode(processIncoming(carol.ctx, carol.group!, b2), 'DECRYPT_FAILED');
    await expectCode(processIncoming(carol.ctx, carolBefore, b2), 'STATE_STALE');
  });
});
