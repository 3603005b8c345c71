import { describe, expect, it } from 'vitest';
import {
  commitPendingProposals,
  encryptMessage,
  exportGroupState,
  generateStorageKey,
  importGroupState,
  processIncoming,
  createCryptoContext,
} from '../src/index.js';
import type { EncryptResult } from '../src/index.js';
import {
  deliver,
  expectCode,
  flip,
  generateServerKeyPair,
  groupOf,
  makeDevice,
  text,
} from './helpers.js';

async function setup() {
  const server = await generateServerKeyPair();
  const alice = await makeDevice(server, 'alice');
  const bob = await makeDevice(server, 'bob');
  await groupOf(alice, bob);
  const send = async (id: string): Promise<EncryptResult> => {
    const r = await encryptMessage(alice.ctx, alice.group!, text(id, `msg ${id}`));
    alice.group = r.group;
    return r;
  };
  const textOf = (r: Awaited<ReturnType<typeof deliver>>) =>
    r.kind === 'application' && r.body.content.type === 'text' ? r.body.content.text : undefined;
  return { server, alice, bob, send, textOf };
}

describe('delivery', () => {
  it('out-of-order and duplicate delivery inside the kept epochs', async () => {
    const { alice, bob, send, textOf } = await setup();
    const m1 = await send('1');
    const m2 = await send('2');
    const m3 = await send('3');
    expect(textOf(await deliver(bob, m3))).toBe('msg 3');
    expect(textOf(await deliver(bob, m1))).toBe('msg 1');
    await expectCode(deliver(bob, m1), 'DECRYPT_FAILED'); // duplicate: key already used
    expect(textOf(await deliver(bob, m2))).toBe('msg 2');

    // A message from the previous epoch, arriving after the commit that ended it.
    const late = await send('late');
    const update = await commitPendingProposals(alice.ctx, alice.group!);
    alice.group = update.confirm();
    await deliver(bob, { ciphertext: update.commit });
    const fresh = await send('fresh');
    expect(textOf(await deliver(bob, fresh))).toBe('msg fresh');
    const lateResult = await deliver(bob, late);
    expect(textOf(lateResult)).toBe('msg late');
    expect(lateResult.kind === 'application' && lateResult.epoch).toBe(fresh.epoch - 1n);
    await expectCode(deliver(bob, late), 'DECRYPT_FAILED');
  });

  it('tampered ciphertext is rejected and the state stays usable', async () => {
    const { bob, send, textOf } = await setup();
    const m = await send('t');
    const before = bob.group!;
    for (const index of [-1, -20, 40]) {
      await expectCode(
        processIncoming(bob.ctx, before, { ...m, ciphertext: flip(m.ciphertext, index) }),
        'DECRYPT_FAILED',
      );
    }
    await expectCode(
      processIncoming(bob.ctx, before, { ...m, ciphertext: m.ciphertext.slice(0, -3) }),
      'DECRYPT_FAILED',
    );
    expect(bob.group).toBe(before);
    expect(textOf(await deliver(bob, m))).toBe('msg t');
  });

  it('a frankTag beside the ciphertext that does not match is refused', async () => {
    const { bob, send } = await setup();
    const m = await send('f');
    await expectCode(
      processIncoming(bob.ctx, bob.group!, {
        ciphertext: m.ciphertext,
        frankTag: flip(m.frankTag, 0),
      }),
      'FRANKING_INVALID',
    );
    await expectCode(
      processIncoming(bob.ctx, bob.group!, { ciphertext: m.ciphertext }),
      'FRANKING_INVALID',
    );
  });

  it('state survives export and import (and is useless without the storage key)', async () => {
    const { server, bob, send, textOf } = await setup();
    const key = await generateStorageKey();
    expect(key.extractable).toBe(false);
    const m1 = await send('1');
    expect(textOf(await deliver(bob, m1))).toBe('msg 1');
    const sealed = await exportGroupState(bob.group!, key);

    // A fresh context, as after an app restart.
    const ctx = createCryptoContext({ serverPublicKey: server.publicKey });
    const restored = await importGroupState(ctx, sealed, key);
    expect(restored.epoch).toBe(bob.group!.epoch);
    expect(restored.members.map((m) => m.accountId).sort()).toEqual(['alice', 'bob']);
    const m2 = await send('2');
    const got = await processIncoming(ctx, restored, m2);
    expect(textOf(got)).toBe('msg 2');
    // The used key of m1 is gone from the restored state too.
    await expectCode(processIncoming(ctx, got.group, m1), 'DECRYPT_FAILED');

    await expectCode(importGroupState(ctx, sealed, await generateStorageKey()), 'STATE_CORRUPT');
    await expectCode(importGroupState(ctx, flip(sealed, 30), key), 'STATE_CORRUPT');
  });
});
