import { describe, expect, it } from 'vitest';
import { isLinkCode, linkCodeFromQr, normalizeLinkCode } from './link-code.js';

describe('link codes', () => {
  it('reads the code from the server’s QR payload', () => {
    const payload = `kidtalk://link?code=AB23CD45EF&server=${encodeURIComponent('http://localhost:8080')}`;
    expect(linkCodeFromQr(payload)).toBe('AB23CD45EF');
  });

  it('refuses other payloads', () => {
    expect(linkCodeFromQr('https://evil.example/link?code=AB23CD45EF')).toBeUndefined();
    expect(linkCodeFromQr('kidtalk://add?code=AB23CD45EF')).toBeUndefined();
    expect(linkCodeFromQr('kidtalk://link?code=short')).toBeUndefined();
    expect(linkCodeFromQr('not a url')).toBeUndefined();
  });

  it('normalizes what was typed', () => {
    expect(normalizeLinkCode(' ab23-cd45 ef ')).toBe('AB23CD45EF');
    expect(isLinkCode('AB23CD45EF')).toBe(true);
    expect(isLinkCode('AB23CD45E')).toBe(false);
  });
});
