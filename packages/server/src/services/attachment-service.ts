import { createHash } from 'node:crypto';
import { ErrorCode } from '@kidtalk/protocol';
import type { BlobStore } from '../blobs/blob-store.js';
import { DAY } from '../clock.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { DomainError, invalid, notFound } from '../errors.js';
import { hashesEqual, keyedHash, newId } from '../security/tokens.js';
import { AttachmentStore, isUploaded } from '../stores/attachment-store.js';
import type { AuthContext } from './auth-context.js';
import type { ConversationPolicy } from './conversation-policy.js';

/** A reservation not used within this long is purged with its row. */
export const RESERVATION_TTL_MS = DAY;

export interface AttachmentLimits {
  maxBytes: number;
  /** P4: how long an uploaded attachment may wait for its recipients. */
  retentionMs: number;
}

const gone = () => notFound('attachment');

/**
 * Opaque encrypted blobs for a conversation: reserved by a member, uploaded once with a
 * per-upload token, fetched once by each recipient device, deleted when the last has (P3).
 */
export class AttachmentService {
  constructor(
    private readonly db: Database,
    private readonly blobs: BlobStore,
    private readonly clock: Clock,
    private readonly policy: ConversationPolicy,
    private readonly tokenKey: Buffer,
    private readonly limits: AttachmentLimits,
  ) {}

  async reserve(auth: AuthContext, conversationId: string, size: number) {
    // The same answer for a conversation that does not exist and one the caller is not in.
    if (!(await this.policy.canPost(conversationId, auth.accountId)))
      throw notFound('conversation');
    if (size > this.limits.maxBytes) {
      throw new DomainError(
        ErrorCode.PayloadTooLarge,
        `attachments are at most ${this.limits.maxBytes} bytes`,
      );
    }
    const id = newId();
    const now = this.clock.now();
    const expiresAt = now + RESERVATION_TTL_MS;
    await new AttachmentStore(this.db.db).reserve({
      id,
      ownerId: auth.accountId,
      conversationId,
      size,
      now,
      expiresAt,
    });
    return { id, uploadToken: this.uploadToken(id), expiresAt };
  }

  async upload(auth: AuthContext, id: string, token: string | undefined, bytes: Buffer) {
    const store = new AttachmentStore(this.db.db);
    const blob = await store.byId(id);
    if (!blob || blob.owner_id !== auth.accountId || blob.expires_at! <= this.clock.now()) {
      throw gone();
    }
    if (!token || !hashesEqual(token, this.uploadToken(id))) {
      throw new DomainError(ErrorCode.Forbidden, 'wrong or missing upload token');
    }
    if (isUploaded(blob)) throw new DomainError(ErrorCode.Conflict, 'already uploaded');
    if (bytes.length !== blob.size_bytes) {
      throw invalid(`the body is ${bytes.length} bytes, ${blob.size_bytes} were declared`);
    }
    const route = await this.policy.route(blob.conversation_id ?? '', auth.accountId);
    if (!route) throw gone();
    if (!(await store.claim(id))) throw new DomainError(ErrorCode.Conflict, 'already uploaded');
    try {
      // Record first, file second: a file never exists without the row that lets it be purged.
      await this.blobs.put(id, bytes);
    } catch (err) {
      await store.release(id);
      throw err;
    }
    const recipients = route.recipients
      .flatMap((r) => r.deviceIds)
      .filter((d) => d !== auth.deviceId);
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const s = new AttachmentStore(tx);
      await s.markUploaded(id, sha256(bytes), now, now + this.limits.retentionMs);
      await s.addFetches(id, recipients);
    });
    return { id, size: bytes.length };
  }

  /**
   * A recipient device gets the bytes once; that fetch is its acknowledgement. The uploader may
   * read its own upload while it exists. Anyone else, and any other state, is NOT_FOUND.
   */
  async fetch(auth: AuthContext, id: string): Promise<Uint8Array> {
    const store = new AttachmentStore(this.db.db);
    const blob = await store.byId(id);
    if (!blob || !isUploaded(blob) || !blob.conversation_id) throw gone();
    // The uploader's other devices are recipients like any other; its own reads are not.
    let owed = await store.owedTo(blob, auth.deviceId, auth.accountId);
    if (owed && blob.owner_id !== auth.accountId) {
      // A block or revoked approval since the upload ends the pair's traffic, files included.
      const route = await this.policy.route(blob.conversation_id, blob.owner_id);
      owed = route?.recipients.some((r) => r.accountId === auth.accountId) ?? false;
    }
    const allowed =
      owed ||
      (blob.owner_id === auth.accountId &&
        (await this.policy.canPost(blob.conversation_id, auth.accountId)));
    if (!allowed) throw gone();
    const bytes = await this.blobs.get(id);
    if (!bytes) throw gone();
    if (owed) {
      await store.removeFetch(id, auth.deviceId);
      if ((await store.owedCount(blob)) === 0) await this.remove(id);
    }
    return bytes;
  }

  /** Row before file, as for avatars: a crash in between leaves a file the sweep removes. */
  private async remove(id: string): Promise<void> {
    await new AttachmentStore(this.db.db).delete(id);
    await this.blobs.delete(id);
  }

  /**
   * Derived, not stored (there is no column for it): HMAC under the server's token key of a
   * purpose-tagged blob ID. Only the reserving caller is told it; without the key it cannot be
   * computed from the ID, and the tag keeps it apart from every other HMAC under that key
   * (session hashes are HMACs of random base64url tokens, which never contain ':'). It is good
   * for one upload only, since a second is refused, and only with the owner's session.
   */
  private uploadToken(id: string): string {
    return keyedHash(this.tokenKey, `attachment-upload:${id}`);
  }
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
