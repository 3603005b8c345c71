import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

const KEY_LEN = 32;
const R = 8;
const P = 1;

/**
 * A 4-digit PIN has only 10,000 values, so no hash makes an offline search slow enough on
 * its own; scrypt with a per-PIN salt makes it costly, and the server-side lockout is what
 * actually protects it. The cost is stored with the hash so it can be raised later.
 */
export async function hashPin(pin: string, log2N: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(pin, salt, log2N);
  return `scrypt$${log2N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !salt || !key || Number(r) !== R || Number(p) !== P) {
    throw new Error('unknown PIN hash format');
  }
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(pin, Buffer.from(salt, 'base64'), Number(n));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function derive(pin: string, salt: Buffer, log2N: number): Promise<Buffer> {
  const N = 2 ** log2N;
  return scryptAsync(pin, salt, KEY_LEN, { N, r: R, p: P, maxmem: 256 * N * R });
}

/**
 * PINs a child (or a shoulder-surfer) would guess first: one repeated digit, straight runs,
 * mirrored pairs, and years of birth a guardian might reach for.
 */
export function isTrivialPin(pin: string): boolean {
  if (!/^[0-9]{4}$/.test(pin)) return true;
  const d = [...pin].map(Number) as [number, number, number, number];
  const same = d.every((x) => x === d[0]);
  const step = d[1] - d[0];
  const run = (step === 1 || step === -1) && d[2] - d[1] === step && d[3] - d[2] === step;
  const pairs = pin.slice(0, 2) === pin.slice(2); // 1212
  const mirror = d[0] === d[3] && d[1] === d[2]; // 1221
  const year = /^(19[5-9][0-9]|20[0-3][0-9])$/.test(pin);
  return same || run || pairs || mirror || year || COMMON.has(pin);
}

const COMMON = new Set(['1004', '2580', '0852', '1470', '0741', '1357', '2468', '6969', '5683']);
