import type { ServerKeyPair } from '@kidtalk/crypto';
import { issueCredential } from '@kidtalk/crypto';
import type { Clock } from '../clock.js';
import type { AuthContext } from './auth-context.js';

/**
 * The server is the MLS credential authority: it binds a device's signature key to the
 * account and device of the session asking, and never to anyone else's.
 */
export class CredentialService {
  constructor(
    private readonly clock: Clock,
    private readonly serverKey: ServerKeyPair,
  ) {}

  get publicKey(): Uint8Array {
    return this.serverKey.publicKey;
  }

  async issue(auth: AuthContext, signaturePublicKey: Uint8Array): Promise<Uint8Array> {
    return issueCredential(
      this.serverKey,
      { accountId: auth.accountId, deviceId: auth.deviceId, signaturePublicKey },
      Math.floor(this.clock.now() / 1000),
    );
  }
}
