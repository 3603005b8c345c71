import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextPhone } from '../../server/tests/support/flows.js';
import { testDialects } from '../../server/tests/support/databases.js';
import type { ReceivedMessage } from '../src/index.js';
import { FileStore } from '../src/node.js';
import { useLiveClients } from './support/live-clients.js';
import {
  befriend,
  downloadInFlight,
  heldDownloads,
  openDirectJoined,
  signInWith,
  until,
} from './support/sdk-flows.js';

const DIALECTS = await testDialects();

describe.each(DIALECTS)('another account signing in on the same device (%s)', (dialect) => {
  const suite = useLiveClients(dialect);

  it('starts clean: nothing of the first account stays, and the new one can connect', async () => {
    const store = await FileStore.open(join(mkdtempSync(join(tmpdir(), 'kidtalk-switch-')), 's'));
    const shared = await suite.signedIn('Ann', { store });
    const bob = await suite.signedIn('Bob');
    await befriend(shared, bob);
    await Promise.all([shared.connect(), bob.connect()]);
    const conv = await openDirectJoined(shared, bob);
    const got: ReceivedMessage[] = [];
    shared.on('message', (m) => got.push(m));
    await bob.sendText(conv, 'for Ann only');
    await until(() => got.length === 1);
    const ann = shared.session!;

    // A shared tablet: Cara signs in without Ann having signed out.
    const phone = nextPhone();
    const cara = await signInWith(suite.live, shared, phone, 'Cara');
    expect(cara.accountId).not.toBe(ann.accountId);
    expect(await shared.messages(conv)).toEqual([]);
    const keys = await store.keys('');
    const raw = JSON.stringify([keys, await Promise.all(keys.map((k) => store.get(k)))]);
    for (const leftover of [ann.accountId, ann.token, conv, 'for Ann only'])
      expect(raw).not.toContain(leftover);
    // Ann's MLS identity is gone too: the server takes Cara's device's own KeyPackages.
    await shared.connect();
    expect(shared.session!.accountId).toBe(cara.accountId);
  });

  it("the first account's download that ends after the switch lands nowhere", async () => {
    const store = await FileStore.open(join(mkdtempSync(join(tmpdir(), 'kidtalk-switch-')), 's'));
    const held = heldDownloads();
    const shared = await suite.signedIn('Ann', { store, fetch: held.fetch });
    const bob = await suite.signedIn('Bob');
    await befriend(shared, bob);
    await Promise.all([shared.connect(), bob.connect()]);
    const conv = await openDirectJoined(shared, bob);
    const picture = new TextEncoder().encode('for Ann only, a picture');
    const { download } = await downloadInFlight(bob, shared, conv, held, picture);

    await signInWith(suite.live, shared, nextPhone(), 'Cara');
    held.release();
    await expect(download).rejects.toMatchObject({ code: 'SESSION_ENDED' });
    // Ann's picture is not among Cara's records, under its key or anywhere else.
    const keys = await store.keys('');
    expect(keys.filter((k) => k.startsWith('attachment:'))).toEqual([]);
    const raw = JSON.stringify(await Promise.all(keys.map((k) => store.get(k))));
    expect(raw).not.toContain(Buffer.from(picture).toString('base64url'));
    // Cara's own work still writes: the fence stopped Ann's work only.
    await shared.local.markRead(conv, 42);
    expect(await shared.local.readUpTo(conv)).toBe(42);
  });
});
