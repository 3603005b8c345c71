import type { EvidenceItem } from '@kidtalk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY } from '../src/clock.js';
import { GuardianshipStore } from '../src/stores/guardianship-store.js';
import { testDialects } from './support/databases.js';
import type { LiveServer } from './support/live-server.js';
import { startLiveServer } from './support/live-server.js';
import type { Seeded } from './support/mls-flows.js';
import { seedAccount } from './support/mls-flows.js';
import { rowCount } from './support/realtime-flows.js';
import type { Chat } from './support/report-flows.js';
import { flipped, sendAndReceive, startChat } from './support/report-flows.js';

/**
 * P13, P26, P27: a report names the reporter, the reported account and franked evidence the
 * server verifies item by item; forged, altered or borrowed evidence stores nothing; the
 * reporter (and a child reporter's guardians) see the report's status and 15-day clock.
 */
const DIALECTS = await testDialects();

describe.each(DIALECTS)('reports on %s', (dialect) => {
  let h: LiveServer;
  let mum: Seeded;
  let kid: Seeded;
  let bob: Seeded;
  let eve: Seeded;
  let chat: Chat;
  let evidence: EvidenceItem[];

  const report = (who: Seeded, body: Record<string, unknown>) =>
    h.request({ method: 'POST', url: '/v1/reports', token: who.token, body });
  const reportBob = (items: EvidenceItem[], extra: Record<string, unknown> = {}) =>
    report(kid, { accountId: bob.accountId, category: 'harassment', evidence: items, ...extra });

  beforeAll(async () => {
    h = await startLiveServer(dialect);
    mum = await seedAccount(h, 'adult');
    kid = await seedAccount(h, 'child');
    bob = await seedAccount(h, 'adult');
    eve = await seedAccount(h, 'adult');
    await new GuardianshipStore(h.ctx.db.db).add(kid.accountId, mum.accountId, 'primary', 0);
    chat = await startChat(h, bob, kid);
    evidence = [
      await sendAndReceive(chat, 'you are stupid'),
      await sendAndReceive(chat, '不要告诉你妈妈'),
    ];
  });
  afterAll(async () => {
    chat.close();
    await h.close();
  });

  it('refuses altered, forged or borrowed evidence and stores nothing', async () => {
    const [a, b] = evidence as [EvidenceItem, EvidenceItem];
    const bad: [string, EvidenceItem[], Seeded?, string?][] = [
      ['one flipped plaintext bit', [a, { ...b, plaintext: flipped(b.plaintext) }]],
      [
        'one flipped countersignature bit',
        [{ ...a, countersignature: flipped(a.countersignature) }],
      ],
      ['another frank key', [{ ...a, frankKey: b.frankKey }]],
      ['a shifted server time', [{ ...a, serverTime: a.serverTime + 1 }]],
      ['another conversation', [{ ...a, conversationId: 'c0ffee' }]],
      ['a sender who is not the reported account', [a], undefined, eve.accountId],
      ['a reporter outside the conversation', [a], eve],
    ];
    for (const [what, items, who, accountId] of bad) {
      const res = await report(who ?? kid, {
        accountId: accountId ?? bob.accountId,
        category: 'harassment',
        evidence: items,
      });
      expect(res.statusCode, what).toBe(422);
      expect(res.json().error.code, what).toBe('EVIDENCE_INVALID');
    }
    expect(await rowCount(h, 'reports')).toBe(0);
    expect(await rowCount(h, 'notifications')).toBe(0);
  });

  it('refuses malformed reports before looking at them', async () => {
    const a = evidence[0]!;
    const cases: Record<string, unknown>[] = [
      { accountId: bob.accountId, category: 'rude', evidence: [a] },
      { accountId: bob.accountId, category: 'spam', evidence: [] },
      { accountId: bob.accountId, category: 'spam', evidence: Array(51).fill(a) },
      { accountId: bob.accountId, category: 'spam', evidence: [{ ...a, extra: 1 }] },
      { accountId: bob.accountId, category: 'spam', evidence: [a], priority: 'high' },
      { accountId: bob.accountId, category: 'spam', evidence: [a], note: 'x'.repeat(1001) },
      { accountId: bob.accountId, category: 'spam', evidence: [a], note: 'a\u202Eb' },
    ];
    for (const body of cases) {
      const res = await report(kid, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 120)).toBe(400);
    }
    expect(await rowCount(h, 'reports')).toBe(0);
  });

  it('stores a verified report, due in 15 days, and tells the child’s guardians', async () => {
    const res = await reportBob(evidence, { note: 'he keeps saying this\nevery day' });
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json();
    expect(view).toMatchObject({
      category: 'harassment',
      status: 'open',
      blocked: false,
      resolvedAt: null,
      reported: { publicId: bob.publicId },
    });
    expect(view.dueAt - view.createdAt).toBe(15 * DAY);

    const row = await h.ctx.db.db
      .selectFrom('reports')
      .selectAll()
      .where('id', '=', view.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      reporter_id: kid.accountId,
      reported_id: bob.accountId,
      category: 'harassment',
      status: 'open',
    });
    const stored = JSON.parse(row.evidence);
    expect(stored.note).toBe('he keeps saying this\nevery day');
    expect(stored.items).toEqual(evidence);
    const text = Buffer.from(stored.items[1].plaintext, 'base64url').toString('utf8');
    expect(text).toContain('不要告诉你妈妈');

    const notices = await h.request({ method: 'GET', url: '/v1/notifications', token: mum.token });
    const filed = notices
      .json()
      .notifications.filter((n: { kind: string }) => n.kind === 'report.filed');
    expect(filed).toHaveLength(1);
    expect(filed[0]).toMatchObject({
      childId: kid.accountId,
      data: { reportId: view.id, category: 'harassment', publicId: bob.publicId, blocked: false },
    });
    // The reported adult hears nothing.
    const bobs = await h.request({ method: 'GET', url: '/v1/notifications', token: bob.token });
    expect(bobs.json().notifications).toEqual([]);

    const mine = await h.request({ method: 'GET', url: '/v1/reports', token: kid.token });
    expect(mine.json().reports).toEqual([view]);
    const forMum = await h.request({
      method: 'GET',
      url: `/v1/children/${kid.accountId}/reports`,
      token: mum.token,
    });
    expect(forMum.statusCode).toBe(200);
    expect(forMum.json().reports).toEqual([view]);
    // Neither the reported account nor another adult sees it; a stranger's 404 is the missing child's.
    expect(
      (await h.request({ method: 'GET', url: '/v1/reports', token: bob.token })).json(),
    ).toEqual({
      reports: [],
    });
    const other = await h.request({
      method: 'GET',
      url: `/v1/children/${kid.accountId}/reports`,
      token: eve.token,
    });
    const missing = await h.request({
      method: 'GET',
      url: `/v1/children/nobody/reports`,
      token: eve.token,
    });
    expect(other.statusCode).toBe(404);
    expect(other.body).toBe(missing.body);
  });

  it('blocks the reported account in the same request', async () => {
    const res = await reportBob([evidence[0]!], { category: 'bullying', block: true });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ category: 'bullying', blocked: true });
    const blocks = await h.request({ method: 'GET', url: '/v1/blocks', token: kid.token });
    expect(blocks.json().blocks.map((b: { publicId: string }) => b.publicId)).toEqual([
      bob.publicId,
    ]);
    const contacts = await h.request({ method: 'GET', url: '/v1/contacts', token: kid.token });
    expect(contacts.json().contacts).toEqual([]);
    // The block ended the direct conversation, so the same evidence cannot be filed again.
    const again = await reportBob([evidence[0]!]);
    expect(again.statusCode).toBe(422);
    const listed = await h.request({ method: 'GET', url: '/v1/reports', token: kid.token });
    expect(listed.json().reports.map((r: { blocked: boolean }) => r.blocked)).toEqual([true, true]);
  });

  it('limits report creation per account', async () => {
    const body = { accountId: bob.accountId, category: 'spam', evidence: [evidence[0]!] };
    const codes: number[] = [];
    // The limit is spent before the evidence is checked, so refused reports count too.
    const zed = await seedAccount(h, 'adult');
    for (let i = 0; i < 12; i++) codes.push((await report(zed, body)).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 422)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
    const refused = await report(zed, body);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});
