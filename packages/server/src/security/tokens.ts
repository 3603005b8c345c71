import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** 256-bit bearer tokens; only their keyed hash is ever stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Keyed, not plain, hashing: a stolen database alone cannot be used to test guesses of
 * six-digit codes or to match phone numbers across systems.
 */
export function keyedHash(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url');
}

export function hashesEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function newNumericCode(digits: number): string {
  let out = '';
  for (let i = 0; i < digits; i++) out += String(randomInt(10));
  return out;
}

/** Uppercase letters and digits without look-alikes, for codes people type. */
const TYPEABLE = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function newTypeableCode(length: number, alphabet = TYPEABLE): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export function newId(): string {
  return randomBytes(16).toString('base64url');
}
