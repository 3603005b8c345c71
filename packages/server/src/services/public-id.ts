import { PUBLIC_ID_ALPHABET, PUBLIC_ID_LENGTH } from '@kidtalk/protocol';
import type { DbExecutor } from '../db/database.js';
import { newTypeableCode } from '../security/tokens.js';
import { AccountStore } from '../stores/account-store.js';

/**
 * 31^9 ≈ 2.6e13 IDs: random, so they reveal neither sign-up order nor account count, and
 * sparse enough that guessing one is hopeless under lookup rate limits.
 */
export async function allocatePublicId(tx: DbExecutor): Promise<string> {
  const store = new AccountStore(tx);
  for (let i = 0; i < 5; i++) {
    const id = newTypeableCode(PUBLIC_ID_LENGTH, PUBLIC_ID_ALPHABET);
    if (!(await store.publicIdTaken(id))) return id;
  }
  throw new Error('could not allocate a public ID');
}
