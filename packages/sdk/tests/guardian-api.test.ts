import { describe, expect, it } from 'vitest';
import { KidTalkError } from '../src/index.js';
import { useLiveClients } from './support/live-clients.js';
import { testDialects } from '../../server/tests/support/databases.js';

const DIALECTS = await testDialects();

describe.each(DIALECTS)("a guardian's dashboard through the SDK (%s)", (dialect) => {
  const suite = useLiveClients(dialect);

  it('creates a child after consent, manages it, exports and deletes it; a stranger cannot', async () => {
    const mum = await suite.signedIn('Mum');
    const stranger = await suite.signedIn('Stranger');
    const g = mum.guardian;

    const { version } = await g.policy();
    const consent = await g.giveConsent({
      purpose: 'child_account',
      granted: true,
      policyVersion: version,
    });
    const child = await g.createChild({
      consentId: consent.id,
      displayName: 'Kit',
      avatar: { kind: 'builtin', id: 'fox' },
      pin: '4826',
      country: null,
    });
    expect(child).toMatchObject({ displayName: 'Kit', selfFriending: false, hasPin: true });
    expect((await g.children()).map((c) => c.id)).toEqual([child.id]);

    expect((await g.updateChild(child.id, { gender: 'girl' })).gender).toBe('girl');
    expect((await g.setSelfFriending(child.id, true)).selfFriending).toBe(true);
    await g.setPin(child.id, '7391');
    const link = await g.createLinkCode(child.id);
    expect(link.code).toMatch(/^[A-Z0-9]{10}$/);
    expect(await g.sessions(child.id)).toEqual([]);
    expect(await g.contacts(child.id)).toEqual([]);
    expect(await g.conversations(child.id)).toEqual([]);
    expect(await g.reports(child.id)).toEqual([]);
    expect((await g.guardians(child.id)).map((x) => x.role)).toEqual(['primary']);
    expect((await g.inviteGuardian(child.id, '+8613912345678')).id).toBeTruthy();

    const analytics = await g.giveConsent({
      purpose: 'analytics',
      granted: false,
      policyVersion: version,
      childId: child.id,
    });
    expect((await g.consents()).map((c) => c.id)).toContain(analytics.id);

    const notes = await g.notifications();
    const created = notes.find((n) => n.kind === 'child.created' && n.childId === child.id)!;
    expect(created.readAt).toBeNull();
    await g.markRead(created.id);
    expect((await g.notifications()).find((n) => n.id === created.id)!.readAt).not.toBeNull();

    const data = await g.exportChild(child.id);
    expect(data).toMatchObject({ format: 'kidtalk-export-v1', accountId: child.id });

    // Someone else's child is "not found", the same as a child that does not exist.
    for (const call of [
      () => stranger.guardian.exportChild(child.id),
      () => stranger.guardian.deleteChild(child.id),
      () => stranger.guardian.setPin(child.id, '1593'),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }

    await g.deleteChild(child.id);
    expect(await g.children()).toEqual([]);
    await expect(g.child(child.id)).rejects.toBeInstanceOf(KidTalkError);
  });

  it('refuses a child without a consent', async () => {
    const signed = await suite.signedIn('Dad');
    await expect(
      signed.guardian.createChild({
        consentId: 'no-such-consent',
        displayName: 'Bo',
        avatar: { kind: 'builtin', id: 'owl' },
        pin: '4826',
      }),
    ).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });
  });
});
