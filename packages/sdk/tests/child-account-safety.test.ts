import { describe, expect, it } from 'vitest';
import { createChild, linkChildDevice } from '../../server/tests/support/flows.js';
import { AccountApi, isKidTalkError, reportEvidence, SafetyApi } from '../src/index.js';
import { useLiveClients } from './support/live-clients.js';
import { asAdult, befriend, openClient, openDirectJoined, until } from './support/sdk-flows.js';
import { testDialects } from '../../server/tests/support/databases.js';

const DIALECTS = await testDialects();

const codeOf = (e: unknown) => (isKidTalkError(e) ? e.code : String(e));

/**
 * The kids' app's account and safety calls on the live server: the PIN turns into a
 * single-use elevation for one action, reports carry evidence built by `reportEvidence`, and
 * support requests come back with their due date.
 */
describe.each(DIALECTS)('AccountApi and SafetyApi against the real server (%s)', (dialect) => {
  const suite = useLiveClients(dialect);

  it('a report from stored messages, with block, listed with its 15-day clock', async () => {
    const ann = await suite.signedIn('Ann');
    const bob = await suite.signedIn('Bob');
    await befriend(ann, bob);
    await Promise.all([ann.connect(), bob.connect()]);
    await Promise.all([ann.ready(), bob.ready()]);
    const conv = await openDirectJoined(ann, bob);
    await ann.sendText(conv, 'you are silly');
    await until(async () => (await bob.messages(conv)).length === 1);

    const safety = new SafetyApi(bob.http);
    const evidence = (await bob.messages(conv)).map(reportEvidence);
    const forged = { ...evidence[0]!, frankTag: evidence[0]!.frankKey };
    const refused = await safety
      .report({ accountId: ann.session!.accountId, category: 'bullying', evidence: [forged] })
      .catch(codeOf);
    expect(refused).toBe('EVIDENCE_INVALID');

    const view = await safety.report({
      accountId: ann.session!.accountId,
      category: 'bullying',
      evidence,
      block: true,
    });
    expect(view).toMatchObject({ status: 'open', blocked: true, category: 'bullying' });
    expect(view.dueAt - view.createdAt).toBe(15 * 24 * 3600 * 1000);
    expect(await safety.reports()).toEqual([view]);

    const request = await safety.support({ body: 'How do I add a friend?' });
    expect(request.status).toBe('open');
    expect(request.dueAt).toBeGreaterThan(request.createdAt);
    expect(await safety.supportRequests()).toEqual([request]);
  });

  it("a child's device: the PIN elevates one action once; profile, devices, deletion", async () => {
    const { live } = suite;
    const mum = await suite.signedIn('Mum');
    const guardian = asAdult(mum);
    const child = await createChild(live, guardian);
    const kid = suite.track(await openClient(live));
    await kid.useToken(await linkChildDevice(live, guardian, child));
    const account = new AccountApi(kid.http, () => kid.session!.accountId);

    expect(await account.elevate('0000', 'profile.update').catch(codeOf)).toBe('PIN_INVALID');
    const up = await account.elevate(child.pin, 'profile.update');
    expect(up.action).toBe('profile.update');
    const changed = await account.updateChildProfile(
      { displayName: 'Ming', avatar: { kind: 'builtin', id: 'owl' } },
      up.elevationToken,
    );
    expect(changed).toMatchObject({ displayName: 'Ming', avatar: { kind: 'builtin', id: 'owl' } });
    expect((await account.profile()).displayName).toBe('Ming');
    // Single use: the same token is refused the second time.
    expect(
      await account.updateChildProfile({ displayName: 'X' }, up.elevationToken).catch(codeOf),
    ).toBe('ELEVATION_INVALID');

    const sessions = await account.sessions();
    expect(sessions.filter((s) => s.current)).toHaveLength(1);

    // A token for another action does not delete the account.
    const wrong = await account.elevate(child.pin, 'profile.update');
    expect(await account.deleteChildAccount(wrong.elevationToken).catch(codeOf)).toBe(
      'ELEVATION_INVALID',
    );
    const del = await account.elevate(child.pin, 'account.delete');
    await account.deleteChildAccount(del.elevationToken);
    expect(await mum.guardian.children()).toEqual([]);
  });
});
