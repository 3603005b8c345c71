import { describe, expect, it } from 'vitest';
import {
  commitPendingProposals,
  encryptMessage,
  processIncoming,
  removeMembers,
} from '../src/index.js';
import type { PendingCommit } from '../src/index.js';
import {
  deliver,
  expectCode,
  generateServerKeyPair,
  groupOf,
  makeDevice,
  text,
} from './helpers.js';

/** The delivery service: one commit per epoch, compare-and-set on the epoch. */
function deliveryService(startEpoch: bigint) {
  let epoch = startEpoch;
  return {
    submit(p: PendingCommit): boolean {
      if (p.fromEpoch !== epoch) return false;
      epoch += 1n;
      return true;
    },
  };
}

describe('two members commit at once', () => {
  it('exactly one wins; the loser drops its commit and processes the winner', async () => {
    const server = await generateServerKeyPair();
    const alice = await makeDevice(server, 'alice');
    const bob = await makeDevice(server, 'bob');
    const carol = await makeDevice(server, 'carol');
    await groupOf(alice, bob, carol);
    const ds = deliveryService(alice.group!.epoch);
    const start = bob.group!;

    const fromAlice = await commitPendingProposals(alice.ctx, alice.group!);
    const fromBob = await removeMembers(bob.ctx, bob.group!, [{ accountId: 'carol' }]);

    const accepted = [ds.submit(fromAlice), ds.submit(fromBob)];
    expect(accepted).toEqual([true, false]);

    alice.group = fromAlice.confirm();
    // While its commit is unresolved, bob can do nothing else with the group.
    await expectCode(
      processIncoming(bob.ctx, bob.group!, { ciphertext: fromAlice.commit }),
      'COMMIT_PENDING',
    );
    await expectCode(encryptMessage(bob.ctx, bob.group!, text('x', 'x')), 'COMMIT_PENDING');
    bob.group = fromBob.discard();
    expect(bob.group).toBe(start);

    await deliver(bob, { ciphertext: fromAlice.commit });
    await deliver(carol, { ciphertext: fromAlice.commit });
    expect(bob.group!.epoch).toBe(alice.group.epoch);
    expect(carol.group!.active).toBe(true);

    // Bob retries on the new epoch and now wins.
    const retry = await removeMembers(bob.ctx, bob.group!, [{ accountId: 'carol' }]);
    expect(ds.submit(retry)).toBe(true);
    bob.group = retry.confirm();
    await deliver(alice, { ciphertext: retry.commit });
    expect(alice.group.members.map((m) => m.accountId).sort()).toEqual(['alice', 'bob']);

    const hello = await encryptMessage(alice.ctx, alice.group, text('h', 'in sync'));
    alice.group = hello.group;
    const got = await deliver(bob, hello);
    expect(got.kind === 'application' && got.body.content).toEqual({
      type: 'text',
      text: 'in sync',
    });
  });

  it('a superseded Group value is refused instead of forking the state', async () => {
    const server = await generateServerKeyPair();
    const alice = await makeDevice(server, 'alice');
    const bob = await makeDevice(server, 'bob');
    await groupOf(alice, bob);
    const old = alice.group!;
    alice.group = (await encryptMessage(alice.ctx, old, text('1', 'one'))).group;
    await expectCode(encryptMessage(alice.ctx, old, text('2', 'two')), 'STATE_STALE');
  });
});
