import { describe, expect, it } from 'vitest';
import { contactEmail } from './contact-email.js';

describe('contactEmail', () => {
  it('is optional', () => {
    expect(contactEmail('')).toEqual({ ok: true });
    expect(contactEmail('   ')).toEqual({ ok: true });
  });
  it('keeps a plausible address, trimmed', () => {
    expect(contactEmail(' mum@example.org ')).toEqual({ ok: true, email: 'mum@example.org' });
  });
  it('refuses what cannot be an address', () => {
    for (const bad of ['mum', 'mum@', 'mum@example', 'm um@example.org', `${'a'.repeat(250)}@b.cd`])
      expect(contactEmail(bad)).toEqual({ ok: false });
  });
});
