import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import type { Adult, Child } from './support/flows.js';
import { createChild, signUpAdult } from './support/flows.js';
import type { Harness } from './support/harness.js';
import { startHarness } from './support/harness.js';

/**
 * P25: a guardian views and changes a consent for their child at any time. Consents are an
 * append-only history: withdrawing adds a `granted: false` row, the newest row is in force.
 * (Withdrawing the child-account consent itself is deleting the child: account-deletion.test.ts.)
 */
const DIALECTS = await testDialects();

describe.each(DIALECTS)('consent changes on %s (P25)', (dialect) => {
  let h: Harness;
  let mum: Adult;
  let other: Adult;
  let child: Child;

  beforeAll(async () => {
    h = await startHarness(dialect);
    mum = await signUpAdult(h, 'Mum');
    other = await signUpAdult(h, 'Other');
    child = await createChild(h, mum);
  });
  afterAll(() => h.close());

  const consent = (token: string, granted: boolean, childId = child.id) =>
    h.request({
      method: 'POST',
      url: '/v1/consents',
      token,
      body: { purpose: 'analytics', granted, policyVersion: h.ctx.config.policyVersion, childId },
    });

  it('gives, withdraws and lists a consent for the child; the newest row is in force', async () => {
    const given = await consent(mum.token, true);
    expect(given.statusCode, given.body).toBe(201);
    h.clock.advance(1000);
    const withdrawn = await consent(mum.token, false);
    expect(withdrawn.statusCode, withdrawn.body).toBe(201);
    const list = await h.request({ method: 'GET', url: '/v1/consents', token: mum.token });
    const analytics = list
      .json()
      .consents.filter((c: { purpose: string }) => c.purpose === 'analytics')
      .sort((a: { createdAt: number }, b: { createdAt: number }) => b.createdAt - a.createdAt);
    expect(analytics.map((c: { granted: boolean }) => c.granted)).toEqual([false, true]);
    expect(analytics[0]).toMatchObject({ childId: child.id });
  });

  it('lets no one else change it: another guardian gets the missing child’s 404', async () => {
    const theirs = await consent(other.token, true);
    const missing = await consent(other.token, true, 'nobody');
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).toBe(missing.body);
  });
});
