import { describe, expect, it } from 'vitest';
import {
  addMembers,
  createGroup,
  createDeviceIdentity,
  generateDeviceKeys,
  generateKeyPackages,
  issueCredential,
  joinFromWelcome,
  verifyCredential,
} from '../src/index.js';
import { expectCode, flip, generateServerKeyPair, makeDevice } from './helpers.js';

describe('credentials', () => {
  it('a KeyPackage whose credential the server did not sign cannot be added', async () => {
    const server = await generateServerKeyPair();
    const rogue = await generateServerKeyPair();
    const alice = await makeDevice(server, 'alice');
    const mallory = await makeDevice(rogue, 'mallory');
    const group = await createGroup(alice.ctx, alice.identity);
    await expectCode(
      addMembers(alice.ctx, group, [mallory.keyPackages[0]!.keyPackage]),
      'CREDENTIAL_INVALID',
    );
  });

  it('a Welcome into a group with an uncertified member is refused by the joiner', async () => {
    const server = await generateServerKeyPair();
    const rogue = await generateServerKeyPair();
    // Mallory's own credential is rogue-signed, yet her client is told to trust the real server.
    const mallory = await makeDevice(rogue, 'mallory', 'd1', server.publicKey);
    const bob = await makeDevice(server, 'bob');
    const group = await createGroup(mallory.ctx, mallory.identity);
    const pending = await addMembers(mallory.ctx, group, [bob.keyPackages[0]!.keyPackage]);
    await expectCode(
      joinFromWelcome(bob.ctx, bob.identity, bob.keyPackages, pending.welcome!),
      'CREDENTIAL_INVALID',
    );
  });

  it('issue / verify, and tampering with any byte fails', async () => {
    const server = await generateServerKeyPair();
    const keys = await generateDeviceKeys();
    const cred = await issueCredential(server, {
      accountId: 'kid-1',
      deviceId: 'tab',
      signaturePublicKey: keys.signaturePublicKey,
    });
    const v = await verifyCredential(cred, server.publicKey);
    expect([v.accountId, v.deviceId]).toEqual(['kid-1', 'tab']);
    for (const i of [10, 20, cred.length - 70, cred.length - 1]) {
      await expectCode(verifyCredential(flip(cred, i), server.publicKey), 'CREDENTIAL_INVALID');
    }
    const other = await generateDeviceKeys();
    await expectCode(createDeviceIdentity(other, cred, server.publicKey), 'CREDENTIAL_INVALID');
  });

  it('an expired KeyPackage is refused', async () => {
    const server = await generateServerKeyPair();
    const alice = await makeDevice(server, 'alice');
    const bob = await makeDevice(server, 'bob');
    const old = await generateKeyPackages(bob.identity, {
      lifetimeSeconds: 3600,
      now: Math.floor(Date.now() / 1000) - 7200,
    });
    const group = await createGroup(alice.ctx, alice.identity);
    await expectCode(addMembers(alice.ctx, group, [old[0]!.keyPackage]), 'KEY_PACKAGE_INVALID');
  });
});
