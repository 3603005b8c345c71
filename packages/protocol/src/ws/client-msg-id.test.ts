import { describe, expect, it } from 'vitest';
import { newClientMsgId } from './client-msg-id.js';

describe('newClientMsgId', () => {
  it('is 24 base64url characters', () => {
    expect(newClientMsgId()).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it('sorts by time as text, across every character boundary of the time prefix', () => {
    const times = [0, 1, 63, 64, 4095, 4096, 262_143, 262_144, 1_700_000_000_000, 2 ** 47];
    const ids = times.map((t) => newClientMsgId(t));
    // Byte order, as SQLite and PostgreSQL (C collation on the index) compare them.
    const sorted = [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(sorted).toEqual(ids);
  });

  it('differs within one millisecond', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newClientMsgId(42)));
    expect(ids.size).toBe(1000);
  });
});
