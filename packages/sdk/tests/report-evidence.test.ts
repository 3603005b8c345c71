import type { EvidenceItem, ReportView } from '@kidtalk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveServer } from '../../server/tests/support/live-server.js';
import { startLiveServer } from '../../server/tests/support/live-server.js';
import type { KidTalkClient, ReceivedMessage } from '../src/index.js';
import { isKidTalkError } from '../src/index.js';
import { befriend, openDirectJoined, signedIn, until } from './support/sdk-flows.js';

/**
 * P26 through the SDK: what a client stores for a received message is enough for the live
 * server to verify it as report evidence, and a tampered copy is refused with EVIDENCE_INVALID.
 */
const evidenceOf = (m: ReceivedMessage): EvidenceItem => ({
  plaintext: m.franking.plaintext,
  frankKey: m.franking.frankKey,
  frankTag: m.franking.frankTag,
  sender: { accountId: m.senderAccountId, deviceId: m.senderDeviceId },
  conversationId: m.conversationId,
  serverTime: m.franking.serverTime,
  countersignature: m.franking.countersig,
});

describe('a report with evidence from SDK-received messages (sqlite)', () => {
  let live: LiveServer;
  let ann: KidTalkClient;
  let bob: KidTalkClient;
  let conv: string;

  beforeAll(async () => {
    live = await startLiveServer('sqlite');
    ann = await signedIn(live, 'Ann');
    bob = await signedIn(live, 'Bob');
    await befriend(ann, bob);
    await Promise.all([ann.connect(), bob.connect()]);
    await Promise.all([ann.ready(), bob.ready()]);
    conv = await openDirectJoined(ann, bob);
  });
  afterAll(async () => {
    await ann?.close();
    await bob?.close();
    await live?.close();
  });

  it('files a verified report from stored messages, and a tampered copy is refused', async () => {
    await ann.sendText(conv, 'give me your password');
    await ann.sendText(conv, 'or else');
    await until(async () => (await bob.messages(conv)).length === 2);
    const evidence = (await bob.messages(conv)).map(evidenceOf);
    const accountId = ann.session!.accountId;

    const tampered = { ...evidence[0]!, plaintext: evidence[1]!.plaintext };
    const refused = await bob.http
      .json({
        method: 'POST',
        path: '/v1/reports',
        body: { accountId, category: 'harassment', evidence: [tampered] },
      })
      .catch((e: unknown) => e);
    expect(isKidTalkError(refused) && refused.code).toBe('EVIDENCE_INVALID');
    expect(isKidTalkError(refused) && refused.status).toBe(422);

    const view = await bob.http.json<ReportView>({
      method: 'POST',
      path: '/v1/reports',
      body: { accountId, category: 'harassment', evidence, block: true },
    });
    expect(view).toMatchObject({ status: 'open', blocked: true, category: 'harassment' });
    expect(view.reported?.publicId).toBe(ann.session!.publicId);
    const listed = await bob.http.json<{ reports: ReportView[] }>({
      method: 'GET',
      path: '/v1/reports',
    });
    expect(listed.reports).toEqual([view]);
  });
});
