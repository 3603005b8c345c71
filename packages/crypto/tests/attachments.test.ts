import { describe, expect, it } from 'vitest';
import { decryptAttachment, encryptAttachment } from '../src/index.js';
import { expectCode, flip } from './helpers.js';

const picture = new Uint8Array(100_000).map((_, i) => (i * 31) % 251);

describe('attachments', () => {
  it('round-trips; the server-visible blob does not contain the plaintext', async () => {
    const enc = await encryptAttachment(picture);
    expect(enc.size).toBe(enc.blob.length);
    expect(Buffer.from(enc.blob).includes(Buffer.from(picture.subarray(0, 64)))).toBe(false);
    expect(await decryptAttachment(enc.blob, enc)).toEqual(picture);
  });

  it('a wrong key is rejected (committing: only one key opens a blob)', async () => {
    const enc = await encryptAttachment(picture);
    await expectCode(
      decryptAttachment(enc.blob, { ...enc, key: flip(enc.key, 0) }),
      'ATTACHMENT_INTEGRITY',
    );
    const other = await encryptAttachment(picture);
    await expectCode(
      decryptAttachment(enc.blob, { ...enc, key: other.key }),
      'ATTACHMENT_INTEGRITY',
    );
  });

  it('a different ciphertext under the same referenced hash is rejected', async () => {
    const enc = await encryptAttachment(picture);
    const swapped = await encryptAttachment(new Uint8Array(picture.length));
    await expectCode(
      decryptAttachment(swapped.blob, { ...enc, size: swapped.size }),
      'ATTACHMENT_INTEGRITY',
    );
    // Even with the right key, a modified blob (server or sender tampering) is refused.
    await expectCode(decryptAttachment(flip(enc.blob, 100), enc), 'ATTACHMENT_INTEGRITY');
    await expectCode(decryptAttachment(enc.blob.slice(0, -1), enc), 'ATTACHMENT_INTEGRITY');
  });
});
