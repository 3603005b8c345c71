import type { Clock } from '../clock.js';
import { MINUTE } from '../clock.js';
import type { Database } from '../db/database.js';
import { keyedHash, newTypeableCode } from '../security/tokens.js';
import { LinkCodeStore } from '../stores/link-code-store.js';

export const LINK_CODE_TTL_MS = 10 * MINUTE;

export class DeviceLinkService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly codeKey: Buffer,
    private readonly publicUrl: string,
  ) {}

  /**
   * A short code a person can type, also offered as a QR payload; single-use, ten minutes.
   * Only its keyed hash is stored.
   */
  async create(childId: string, createdBy: string) {
    const code = newTypeableCode(10);
    const now = this.clock.now();
    const expiresAt = now + LINK_CODE_TTL_MS;
    await new LinkCodeStore(this.db.db).insert({
      code_hash: keyedHash(this.codeKey, `link:${code}`),
      child_id: childId,
      created_by: createdBy,
      expires_at: expiresAt,
      used_at: null,
      created_at: now,
    });
    const qrPayload = `kidtalk://link?code=${code}&server=${encodeURIComponent(this.publicUrl)}`;
    return { code, qrPayload, expiresAt };
  }
}
