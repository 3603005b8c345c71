import { describe, expect, it } from 'vitest';
import { parseUserQrPayload, userQrPayload } from './contacts.js';

describe('user QR payload', () => {
  it('round-trips a public ID', () => {
    expect(userQrPayload('AB3CD4EF5')).toBe('kidtalk://user?id=AB3CD4EF5');
    expect(parseUserQrPayload(userQrPayload('AB3CD4EF5'))).toBe('AB3CD4EF5');
  });

  it('accepts nothing but the exact form, so a QR code cannot smuggle a search', () => {
    for (const bad of [
      'kidtalk://user?id=AB3CD4EF',
      'kidtalk://user?id=AB3CD4EF5&x=1',
      'kidtalk://user?id=ab3cd4ef5',
      'kidtalk://user?id=AB3CD4EF0',
      'https://evil.example/?id=AB3CD4EF5',
      'kidtalk://link?code=123456',
      'AB3CD4EF5',
    ]) {
      expect(parseUserQrPayload(bad)).toBeNull();
    }
  });
});
