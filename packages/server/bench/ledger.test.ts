import { describe, expect, it } from 'vitest';
import { Ledgers, MessageBook } from './ledger.js';

describe('the bench ledger', () => {
  it('makes IDs that sort in send order and lead back to their message', () => {
    const book = new MessageBook(5000);
    const ledger = new Ledgers(book).open();
    const ids = Array.from({ length: 5000 }, () => ledger.send());
    expect(new Set(ids).size).toBe(5000);
    expect([...ids].sort()).toEqual(ids);
    for (const [n, id] of ids.entries()) expect(book.numberOf(id)).toBe(n);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(book.numberOf('AAAAAAAAxyz')).toBe(-1);
    expect(book.numberOf(ids[0]!.slice(0, 8) + 'someone_' + ids[0]!.slice(16))).toBe(-1);
    expect(() => ledger.send()).toThrow(/more than the workload/);
  });

  it('credits each frame to the phase that sent it, once, and counts what was acked but lost', () => {
    const ledgers = new Ledgers(new MessageBook(10));
    const first = ledgers.open();
    const [a, b, c] = [first.send(), first.send(), first.send()];
    const second = ledgers.open();
    const d = second.send();
    ledgers.sent(a, Date.now());
    ledgers.sent(b, Date.now());
    ledgers.sent(d, Date.now());
    expect(ledgers.receive(a, performance.now())).toBe(first);
    expect(ledgers.receive(a, performance.now())).toBeNull(); // a duplicate
    expect(ledgers.receive(d, performance.now())).toBe(second);
    expect(ledgers.receive(c, performance.now())).toBe(first); // received before its `sent`
    expect(ledgers.receive('not-ours-at-all-xxxxxxx', performance.now())).toBeNull();
    expect([first.sent, first.acked, first.received, first.duplicated]).toEqual([3, 2, 2, 1]);
    expect(first.lost).toBe(1); // b: acknowledged, never delivered
    expect(second.lost).toBe(0);
    expect(first.latencies).toHaveLength(2);
    expect(first.residence).toHaveLength(1); // only a had its server time when it arrived
  });
});
