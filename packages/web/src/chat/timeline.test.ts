import type { OwnMessage } from '@kidtalk/sdk';
import { describe, expect, it } from 'vitest';
import { rx, text } from './chat-fixtures.test-support.js';
import { buildTimeline, receiptsFrom, unreadIncoming } from './timeline.js';

const own = (id: string, at: number, text: string): OwnMessage => ({
  conversationId: 'c',
  clientMsgId: id,
  sentAt: at,
  content: { type: 'text', text },
});

describe('buildTimeline', () => {
  const received = [
    rx('m1', 'mia', 10, text('hi')),
    rx('r1', 'mia', 25, { type: 'receipt', kind: 'delivered', targets: ['o1', 'o2'] }),
    rx('r2', 'mia', 26, { type: 'receipt', kind: 'read', targets: ['o1'] }),
    rx('x1', 'mia', 27, { type: 'reaction', target: 'o1', emoji: '👍' }),
    rx('m2', 'me', 30, text('from my tablet')),
    rx('m1', 'mia', 10, text('hi')),
  ];
  const input = {
    received,
    own: [own('o1', 20, 'hello'), own('o2', 21, 'again'), own('o3', 40, 'queued')],
    pending: new Set(['o3']),
    failed: new Set<string>(),
    online: true,
    me: 'me',
  };

  it('merges both sides in time order, without receipts, reactions or duplicates', () => {
    const items = buildTimeline(input, receiptsFrom(received, 'me'));
    expect(items.map((i) => i.id)).toEqual(['m1', 'o1', 'o2', 'm2', 'o3']);
    expect(items.map((i) => i.mine)).toEqual([false, true, true, true, true]);
  });

  it('shows each own message with its furthest receipt', () => {
    const items = buildTimeline(input, receiptsFrom(received, 'me'));
    expect(Object.fromEntries(items.map((i) => [i.id, i.receipt]))).toEqual({
      m1: undefined,
      o1: 'read',
      o2: 'delivered',
      m2: 'sent',
      o3: 'sending',
    });
  });

  it('ignores our own receipts and marks failed sends', () => {
    const mine = [rx('r9', 'me', 50, { type: 'receipt', kind: 'read', targets: ['o2'] })];
    const items = buildTimeline({ ...input, failed: new Set(['o2']) }, receiptsFrom(mine, 'me'));
    expect(items.find((i) => i.id === 'o2')?.receipt).toBe('failed');
  });

  it('shows what waits in the outbox without a connection as not sent yet', () => {
    const items = buildTimeline({ ...input, online: false }, receiptsFrom(received, 'me'));
    expect(items.filter((i) => i.mine).map((i) => [i.id, i.receipt])).toEqual([
      ['o1', 'read'],
      ['o2', 'delivered'],
      ['m2', 'sent'],
      ['o3', 'queued'],
    ]);
  });

  it('finds incoming messages past the read watermark', () => {
    const items = buildTimeline(input, new Map());
    expect(unreadIncoming(items, 0).map((i) => i.id)).toEqual(['m1']);
    expect(unreadIncoming(items, 10)).toEqual([]);
  });
});
