import { describe, expect, it } from 'vitest';
import { hashPin, isTrivialPin, verifyPin } from './pin-hash.js';

describe('PIN hashing', () => {
  it('verifies the right PIN and refuses a wrong one', async () => {
    const stored = await hashPin('4829', 10);
    expect(stored).not.toContain('4829');
    expect(await verifyPin('4829', stored)).toBe(true);
    expect(await verifyPin('4828', stored)).toBe(false);
  });

  it('salts each hash so equal PINs do not produce equal rows', async () => {
    expect(await hashPin('4829', 10)).not.toBe(await hashPin('4829', 10));
  });

  it.each(['0000', '1111', '1234', '4321', '9876', '1212', '1221', '2015', '1990', '2580'])(
    'refuses the trivial PIN %s',
    (pin) => expect(isTrivialPin(pin)).toBe(true),
  );

  it.each(['4829', '7316', '5093', '8642'])('accepts %s', (pin) =>
    expect(isTrivialPin(pin)).toBe(false),
  );
});
