import { describe, expect, it } from 'vitest';
import type { MailboxItem } from './relay-store.js';
import { msgPayload, rowPayload, rowToFrame, sentPayload, toEntry } from './relay-store.js';

const item: MailboxItem = {
  conversationId: 'conv_1',
  kind: 'app',
  senderId: 'acct_1',
  senderDeviceId: 'dev_1',
  clientMsgId: 'AAAAAAAAxyz',
  epoch: 7,
  body: 'Zm9vYmFy',
  frankTag: 'tag',
  countersig: 'sig',
  createdAt: 1_800_000_000_123,
};

describe('msgPayload', () => {
  it('is the JSON of the msg frame, byte for byte', () => {
    expect(msgPayload(item, 42)).toBe(
      JSON.stringify(rowToFrame({ ...toEntry(item, 'd'), seq: 42 })),
    );
  });

  it('escapes whatever a field holds, so no value can break out of its string', () => {
    const odd = {
      ...item,
      senderId: 'server',
      body: 'a"b\\c\n\u2028',
      frankTag: '',
      kind: 'welcome' as const,
    };
    const text = msgPayload(odd, 1);
    expect(text).toBe(JSON.stringify(rowToFrame({ ...toEntry(odd, 'd'), seq: 1 })));
    expect(JSON.parse(text)).toMatchObject({ body: odd.body, from: 'server', seq: 1 });
  });

  it('quotes plain IDs and base64url as they are, and escapes anything else', () => {
    for (const value of ['AZaz09_-', 'a.b:c', 'é', '"', '\\', '\u0000', '</script>', ' ']) {
      const one = { ...item, conversationId: value, countersig: value };
      expect(msgPayload(one, 3)).toBe(JSON.stringify(rowToFrame({ ...toEntry(one, 'd'), seq: 3 })));
    }
  });
});

describe('rowPayload', () => {
  it('is the JSON of the stored row’s msg frame, byte for byte, odd values included', () => {
    for (const body of ['Zm9vYmFy', 'a"b\\c\n\u2028']) {
      const row = { ...toEntry({ ...item, body }, 'd'), seq: 9 };
      expect(rowPayload(row)).toBe(JSON.stringify(rowToFrame(row)));
    }
  });
});

describe('sentPayload', () => {
  it('is the JSON of the sent frame, byte for byte, escapes included', () => {
    for (const [id, sig] of [
      ['AAAAAAAAxyz', 'c2ln'],
      ['a"b', 'x\ny'],
    ] as const) {
      expect(sentPayload(id, 1_800_000_000_123, sig)).toBe(
        JSON.stringify({ t: 'sent', id, ts: 1_800_000_000_123, sig }),
      );
    }
  });
});
