import { describe, expect, it } from 'vitest';
import { rx, text } from './chat-fixtures.test-support.js';
import { badgeText, countUnread } from './unread.js';

describe('countUnread', () => {
  const received = [
    rx('a1', 'mia', 10, text('hi')),
    rx('a2', 'mia', 20, { type: 'sticker', pack: 'p', sticker: 'sun' }),
    rx('r1', 'mia', 21, { type: 'receipt', kind: 'read', targets: ['o1'] }),
    rx('x1', 'mia', 22, { type: 'reaction', target: 'o1', emoji: '👍' }),
    rx('m1', 'me', 25, text('from my tablet')),
    rx('a3', 'leo', 30, text('me too')),
    rx('a3', 'leo', 30, text('me too')),
  ];

  it("counts others' bubbles after the read marker, once each", () => {
    expect(countUnread(received, 'me', 0)).toBe(3);
    expect(countUnread(received, 'me', 10)).toBe(2);
    expect(countUnread(received, 'me', 30)).toBe(0);
  });

  it('never counts own messages, receipts or reactions', () => {
    expect(countUnread(received.slice(2, 5), 'me', 0)).toBe(0);
  });

  it('leaves out what another of my devices said it read', () => {
    const readOnTablet = rx('r2', 'me', 31, { type: 'receipt', kind: 'read', targets: ['a2'] });
    const deliveredOnly = rx('r3', 'me', 32, {
      type: 'receipt',
      kind: 'delivered',
      targets: ['a3'],
    });
    expect(countUnread([...received, readOnTablet, deliveredOnly], 'me', 0)).toBe(2);
    // Someone else's read receipt says nothing about what I read.
    const theirs = rx('r4', 'leo', 33, { type: 'receipt', kind: 'read', targets: ['a1'] });
    expect(countUnread([...received, theirs], 'me', 0)).toBe(3);
  });
});

describe('badgeText', () => {
  it('shows small counts as they are and caps big ones', () => {
    expect(badgeText(1)).toBe('1');
    expect(badgeText(99)).toBe('99');
    expect(badgeText(100)).toBe('99+');
  });
});
