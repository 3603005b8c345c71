import { describe, expect, it } from 'vitest';
import { maskPhone, normalizePhone } from './phone.js';

describe('normalizePhone', () => {
  it('normalizes national and international forms to E.164', () => {
    expect(normalizePhone('138 0013 8000', 'CN')).toBe('+8613800138000');
    expect(normalizePhone('+86 138-0013-8000', 'US')).toBe('+8613800138000');
    expect(normalizePhone('+44 7911 123456', 'CN')).toBe('+447911123456');
  });

  it.each([
    '12',
    'abc',
    '+86 123',
    '1380013800099999',
    "'; drop table accounts;--",
    '+1 800 555 0199',
  ])('refuses %s with INVALID_PHONE', (input) =>
    expect(() => normalizePhone(input, 'CN')).toThrow(
      expect.objectContaining({ code: 'INVALID_PHONE' }),
    ),
  );

  it('masks all but a prefix and the last two digits', () => {
    expect(maskPhone('+8613800138000')).toBe('+86****00');
  });
});
