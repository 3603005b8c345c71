import { userQrPayload } from '@kidtalk/protocol';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_PUBLIC_ID, isPublicId, normalizePublicId, publicIdFromQr } from './public-id.js';

describe('public ID input', () => {
  it('ignores case, spaces and dashes', () => {
    expect(normalizePublicId(' k7mp-3xq 2a ')).toBe('K7MP3XQ2A');
    expect(normalizePublicId('k7mp\u30003xq2a')).toBe('K7MP3XQ2A');
    expect(isPublicId(normalizePublicId('k7mp 3xq 2a'))).toBe(true);
  });

  it('is exact: look-alikes are not turned into other letters, wrong lengths are refused', () => {
    expect(normalizePublicId('O7MP3XQ2A')).toBe('O7MP3XQ2A');
    expect(isPublicId('O7MP3XQ2A')).toBe(false); // O is not in the alphabet
    expect(isPublicId('17MP3XQ2A')).toBe(false); // neither is 1
    expect(isPublicId('K7MP3XQ2')).toBe(false);
    expect(isPublicId('K7MP3XQ2AB')).toBe(false);
    expect(isPublicId(EXAMPLE_PUBLIC_ID)).toBe(true);
  });

  it('reads only KidTalk friend codes from a QR payload', () => {
    expect(publicIdFromQr(userQrPayload('K7MP3XQ2A'))).toBe('K7MP3XQ2A');
    expect(publicIdFromQr('https://example.org/?id=K7MP3XQ2A')).toBeUndefined();
    expect(publicIdFromQr('kidtalk://link?code=ABCDEFGHJK')).toBeUndefined();
    expect(publicIdFromQr('kidtalk://user?id=k7mp3xq2a')).toBeUndefined();
  });
});
