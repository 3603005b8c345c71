import { randomBytes } from 'node:crypto';
import { countersign, frankTag, verifyReport } from '@kidtalk/crypto';
import { describe, expect, it } from 'vitest';
import { Countersigner } from './countersigner.js';

describe('Countersigner', () => {
  it('is byte for byte the reference countersignature, so reports made from it verify', () => {
    for (let i = 0; i < 50; i++) {
      // Keys longer than the hash block are hashed first (RFC 2104); cover both.
      const key = randomBytes(i % 10 === 9 ? 100 : 32);
      const plaintext = randomBytes(100 + i);
      const frankKey = randomBytes(32);
      const input = {
        frankTag: frankTag(frankKey, plaintext),
        sender: { accountId: `a${i}`, deviceId: `d${i}` },
        conversationId: randomBytes(16).toString('hex'),
        serverTime: 1_800_000_000_000 + i,
      };
      const native = new Countersigner(key).sign(input);
      expect(native).toBe(Buffer.from(countersign(key, input)).toString('base64url'));
      const report = {
        ...input,
        plaintext,
        frankKey,
        countersignature: Buffer.from(native, 'base64url'),
      };
      expect(verifyReport(key, report)).toBe(true);
      expect(() => verifyReport(randomBytes(32), report)).toThrow();
    }
  });

  it('keeps no bytes of one input in the next, however their lengths differ', () => {
    const key = randomBytes(32);
    const signer = new Countersigner(key);
    // Long enough at times to outgrow the scratch buffer, then short again.
    for (const n of [1, 300, 2, 700, 5, 40, 1000, 3]) {
      const input = {
        frankTag: randomBytes(32),
        sender: { accountId: 'a'.repeat(n), deviceId: `é${n}` },
        conversationId: 'c'.repeat(Math.max(1, 1000 - n)),
        serverTime: 1_800_000_000_000 + n,
      };
      expect(signer.sign(input)).toBe(Buffer.from(countersign(key, input)).toString('base64url'));
    }
  });
});
