import { EVIDENCE_MAX_ITEMS, EVIDENCE_PLAINTEXT_MAX } from '@kidtalk/protocol';
import type { ReceivedMessage } from '@kidtalk/sdk';
import { describe, expect, it } from 'vitest';
import { evidenceKey, reportableMessages, toggleEvidence } from './evidence.js';

let n = 0;
function message(
  from: string,
  content: ReceivedMessage['body']['content'],
  serverTime: number,
  plaintext = 'cGxhaW4',
): ReceivedMessage {
  n++;
  return {
    conversationId: 'c1',
    seq: n,
    clientMsgId: `m${n}`,
    senderAccountId: from,
    senderDeviceId: `${from}-d`,
    serverTime,
    epoch: 1,
    body: { id: `m${n}`, sentAt: serverTime, content },
    franking: { frankKey: 'k', plaintext, frankTag: 't', countersig: 's', serverTime },
  } as ReceivedMessage;
}

describe('evidence', () => {
  it("keeps only the reported person's shown messages, newest first", () => {
    const old = message('bad', { type: 'text', text: 'first' }, 1);
    const sticker = message('bad', { type: 'sticker', pack: 'p', sticker: 's' }, 3);
    const mine = message('me', { type: 'text', text: 'mine' }, 2);
    const receipt = message('bad', { type: 'receipt', kind: 'read', targets: ['x'] }, 4);
    const reaction = message('bad', { type: 'reaction', target: 'x', emoji: '😀' }, 5);
    const huge = message(
      'bad',
      { type: 'text', text: 'x' },
      6,
      'a'.repeat(EVIDENCE_PLAINTEXT_MAX + 1),
    );
    expect(reportableMessages([old, sticker, mine, receipt, reaction, huge], 'bad')).toEqual([
      sticker,
      old,
    ]);
  });

  it('ticks and unticks, and refuses a tick past the limit', () => {
    let s: ReadonlySet<string> = new Set();
    s = toggleEvidence(s, 'a', 2);
    s = toggleEvidence(s, 'b', 2);
    const full = s;
    expect(toggleEvidence(full, 'c', 2)).toBe(full);
    s = toggleEvidence(full, 'a', 2);
    expect([...s]).toEqual(['b']);
    expect([...toggleEvidence(s, 'c', 2)].sort()).toEqual(['b', 'c']);
  });

  it('uses the server limit by default', () => {
    let s: ReadonlySet<string> = new Set();
    for (let i = 0; i < EVIDENCE_MAX_ITEMS + 5; i++) s = toggleEvidence(s, `k${i}`);
    expect(s.size).toBe(EVIDENCE_MAX_ITEMS);
  });

  it('keys a message by sender device and message ID', () => {
    const m = message('bad', { type: 'text', text: 'x' }, 1);
    expect(evidenceKey(m)).toBe(`bad-d:${m.clientMsgId}`);
  });
});
