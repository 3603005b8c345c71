import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';

/**
 * Node only. The storage key as 32 raw bytes in its own file (mode 0600), created on first use.
 * The raw key sits next to the data, so this protects a copied data file, not a stolen disk;
 * an OS keystore would be the next step.
 */
export async function loadStorageKeyFile(path: string): Promise<CryptoKey> {
  let raw: Uint8Array;
  try {
    raw = new Uint8Array(await readFile(path));
  } catch {
    raw = new Uint8Array(randomBytes(32));
    await writeFile(path, raw, { mode: 0o600, flag: 'wx' }).catch(async () => {
      raw = new Uint8Array(await readFile(path)); // another process won the race
    });
  }
  return globalThis.crypto.subtle.importKey(
    'raw',
    raw as Uint8Array<ArrayBuffer>,
    { name: 'AES-GCM' },
    false,
    ['encrypt', 'decrypt'],
  );
}
