import { describe, expect, it } from 'vitest';
import {
  addMembers,
  createGroup,
  encryptMessage,
  joinFromWelcome,
  processIncoming,
} from '../src/index.js';
import { generateServerKeyPair, makeDevice, text } from './helpers.js';

describe('smoke', () => {
  it('alice adds bob and they talk', async () => {
    const server = await generateServerKeyPair();
    const alice = await makeDevice(server, 'alice');
    const bob = await makeDevice(server, 'bob');
    let ag = await createGroup(alice.ctx, alice.identity);
    const pending = await addMembers(alice.ctx, ag, [bob.keyPackages[0]!.keyPackage]);
    ag = pending.confirm();
    const joined = await joinFromWelcome(bob.ctx, bob.identity, bob.keyPackages, pending.welcome!);
    let bg = joined.group;
    expect(bg.members.map((m) => m.accountId).sort()).toEqual(['alice', 'bob']);
    const enc = await encryptMessage(alice.ctx, ag, text('m1', 'hi bob'));
    ag = enc.group;
    const got = await processIncoming(bob.ctx, bg, enc);
    expect(got.kind).toBe('application');
    if (got.kind === 'application') {
      bg = got.group;
      expect(got.body.content).toEqual({ type: 'text', text: 'hi bob' });
      expect(got.sender.accountId).toBe('alice');
    }
  });
});
