import { describe, expect, it } from 'vitest';
import { advance, applyReceipt } from './receipts.js';

describe('receipts', () => {
  it('only move forward', () => {
    expect(advance(undefined, 'sent')).toBe('sent');
    expect(advance('sent', 'delivered')).toBe('delivered');
    expect(advance('read', 'delivered')).toBe('read');
    expect(advance('delivered', 'sent')).toBe('delivered');
    expect(advance('sending', 'read')).toBe('read');
  });

  it('a failed send stays failed until it is retried', () => {
    expect(advance('failed', 'sent')).toBe('sent');
    expect(advance('failed', 'sending')).toBe('sending');
    expect(advance('sent', 'failed')).toBe('sent');
  });

  it('apply to every target and keep the map when nothing changed', () => {
    const map = new Map([
      ['a', 'sent' as const],
      ['b', 'read' as const],
    ]);
    const next = applyReceipt(map, 'delivered', ['a', 'b', 'c']);
    expect([...next]).toEqual([
      ['a', 'delivered'],
      ['b', 'read'],
      ['c', 'delivered'],
    ]);
    expect(map.get('a')).toBe('sent');
    expect(applyReceipt(next, 'delivered', ['a', 'b'])).toBe(next);
  });
});
