import { getCiphersuiteFromName, getCiphersuiteImpl } from 'ts-mls';
import type { CiphersuiteImpl } from 'ts-mls';

/** The only suite KidTalk speaks (X25519, AES-128-GCM, SHA-256, Ed25519). */
export const CIPHERSUITE_NAME = 'MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519';

let cached: Promise<CiphersuiteImpl> | undefined;

/** Internal: the ts-mls implementation of our suite, built once per process. */
export function suite(): Promise<CiphersuiteImpl> {
  cached ??= getCiphersuiteImpl(getCiphersuiteFromName(CIPHERSUITE_NAME));
  return cached;
}
