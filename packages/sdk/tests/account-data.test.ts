import { describe, expect, it } from 'vitest';
import { AccountApi, isKidTalkError } from '../src/index.js';
import { useLiveClients } from './support/live-clients.js';
import { testDialects } from '../../server/tests/support/databases.js';

const DIALECTS = await testDialects();

/** P23, P24 through the SDK: an adult exports and deletes their own account. */
describe.each(DIALECTS)('an adult’s own data through the SDK (%s)', (dialect) => {
  const suite = useLiveClients(dialect);

  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => 'resolved',
      (e: unknown) => (isKidTalkError(e) ? e.code : String(e)),
    );

  it('exports, is refused while the only guardian, then deletes', async () => {
    const dad = await suite.signedIn('Dad');
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
