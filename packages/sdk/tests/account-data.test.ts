import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveServer } from '../../server/tests/support/live-server.js';
import { startLiveServer } from '../../server/tests/support/live-server.js';
import type { KidTalkClient } from '../src/index.js';
import { AccountApi, isKidTalkError } from '../src/index.js';
import { signedIn } from './support/sdk-flows.js';

/** P23, P24 through the SDK: an adult exports and deletes their own account. */
describe('an adult’s own data through the SDK (sqlite)', () => {
  let live: LiveServer;
  const clients: KidTalkClient[] = [];

  beforeAll(async () => {
    live = await startLiveServer('sqlite');
  });
  afterAll(async () => {
    for (const c of clients) await c.close();
    await live?.close();
  });

  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => 'resolved',
      (e: unknown) => (isKidTalkError(e) ? e.code : String(e)),
    );

  it('exports, is refused while the only guardian, then deletes', async () => {
    const dad = await signedIn(live, 'Dad');
    clients.push(dad);
    const account = new AccountApi(dad.http, () => dad.session!.accountId);
    const mine = await account.exportMe();
    expect(mine.format).toBe('kidtalk-export-v1');
    expect(mine.sections.account).toEqual([
      expect.objectContaining({ id: dad.session!.accountId, display_name: 'Dad' }),
    ]);

    const { version } = await dad.guardian.policy();
    const consent = await dad.guardian.giveConsent({
      purpose: 'child_account',
      granted: true,
      policyVersion: version,
    });
    const child = await dad.guardian.createChild({
      consentId: consent.id,
      displayName: 'Kit',
      avatar: { kind: 'builtin', id: 'fox' },
      pin: '4826',
    });
    expect(await codeOf(account.deleteMe())).toBe('SOLE_GUARDIAN');
    await dad.guardian.deleteChild(child.id);
    await account.deleteMe();
    expect(await codeOf(account.profile())).toBe('UNAUTHENTICATED');
  });
});
