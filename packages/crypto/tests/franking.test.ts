import { describe, expect, it } from 'vitest';
import {
  countersign,
  encryptMessage,
  generateFrankingServerKey,
  verifyReport,
} from '../src/index.js';
import type { FrankedReport } from '../src/index.js';
import {
  deliver,
  expectCode,
  flip,
  generateServerKeyPair,
  groupOf,
  makeDevice,
  text,
} from './helpers.js';

/** A real message from bully to kid, relayed and countersigned, as the kid would report it. */
async function reportedMessage() {
  const server = await generateServerKeyPair();
  const frankingKey = generateFrankingServerKey();
  const bully = await makeDevice(server, 'bully', 'phone');
  const kid = await makeDevice(server, 'kid');
  await groupOf(bully, kid);
  const sent = await encryptMessage(bully.ctx, bully.group!, text('m1', 'you are stupid'));
  // Relay: the server sees only ciphertext + tag, and binds the authenticated sender.
  const envelope = {
    frankTag: sent.frankTag,
    sender: { accountId: 'bully', deviceId: 'phone' },
    conversationId: 'conv-42',
    serverTime: 1_760_000_000_123,
  };
  const countersignature = countersign(frankingKey, envelope);
  const got = await deliver(kid, sent);
  if (got.kind !== 'application') throw new Error('expected a message');
  expect(got.sender.accountId).toBe('bully');
  const report: FrankedReport = {
    ...envelope,
    plaintext: got.franking.plaintext,
    frankKey: got.franking.frankKey,
    countersignature,
  };
  return { frankingKey, report };
}

describe('message franking', () => {
  it('a valid report verifies', async () => {
    const { frankingKey, report } = await reportedMessage();
    expect(verifyReport(frankingKey, report)).toBe(true);
    // Key rotation: old keys still verify.
    expect(verifyReport([generateFrankingServerKey(), frankingKey], report)).toBe(true);
  });

  it('altering one byte of plaintext, key, tag, sender, conversation, time or signature fails', async () => {
    const { frankingKey, report } = await reportedMessage();
    const forgeries: FrankedReport[] = [
      { ...report, plaintext: flip(report.plaintext, 30) },
      { ...report, frankKey: flip(report.frankKey, 0) },
      { ...report, frankTag: flip(report.frankTag, 31) },
      { ...report, sender: { ...report.sender, accountId: 'bullz' } },
      { ...report, sender: { ...report.sender, deviceId: 'phonf' } },
      { ...report, conversationId: 'conv-43' },
      { ...report, serverTime: report.serverTime + 1 },
      { ...report, countersignature: flip(report.countersignature, 5) },
    ];
    for (const forged of forgeries) {
      await expectCode(() => verifyReport(frankingKey, forged), 'REPORT_INVALID');
    }
    await expectCode(() => verifyReport(generateFrankingServerKey(), report), 'REPORT_INVALID');
  });
});
