import { describe, expect, it } from 'vitest';
import type { MailboxItem } from './relay-store.js';
import { msgPayload, rowToFrame, toEntry } from './relay-store.js';

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
});
