import { describe, expect, it } from 'vitest';
import { safetyNumber, verifySafetyQr } from './safety-number.js';

const key = (n: number) => new Uint8Array(32).fill(n);

describe('safety numbers', () => {
  const kid = { accountId: 'kid', signaturePublicKeys: [key(1), key(2)] };
  const grandma = { accountId: 'grandma', signaturePublicKeys: [key(3)] };

  it('is the same 60 digits on both phones, whatever the order', () => {
    const a = safetyNumber(kid, grandma);
    const b = safetyNumber(grandma, { ...kid, signaturePublicKeys: [key(2), key(1)] });
    expect(a.digits).toMatch(/^(\d{5} ){11}\d{5}$/);
    expect(a.digits).toBe(b.digits);
    expect(a.qrPayload).toEqual(b.qrPayload);
    expect(verifySafetyQr(a.qrPayload, grandma, kid)).toBe(true);
  });

  it('changes when a device key is added or replaced', () => {
    const base = safetyNumber(kid, grandma).digits;
    expect(
      safetyNumber({ ...kid, signaturePublicKeys: [key(1), key(2), key(9)] }, grandma).digits,
    ).not.toBe(base);
    expect(safetyNumber(kid, { ...grandma, signaturePublicKeys: [key(4)] }).digits).not.toBe(base);
    expect(
      verifySafetyQr(safetyNumber(kid, grandma).qrPayload, kid, {
        ...grandma,
        signaturePublicKeys: [key(4)],
      }),
    ).toBe(false);
  });
});
