import { createHash } from 'node:crypto';
import { imageSize } from 'image-size';
import { ErrorCode } from '@kidtalk/protocol';
import type { BlobStore } from '../blobs/blob-store.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { DomainError, notFound } from '../errors.js';
import { newId } from '../security/tokens.js';
import { AccountStore } from '../stores/account-store.js';
import { BlobRecordStore } from '../stores/blob-record-store.js';

const ALLOWED = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' } as const;
const MAX_SIDE = 2048;

export class AvatarService {
  constructor(
    private readonly db: Database,
    private readonly blobs: BlobStore,
    private readonly clock: Clock,
  ) {}

  /**
   * The declared content type is not trusted: the bytes must parse as the same image type,
   * within size limits. Anything else (SVG with script, HTML, a zip) is refused.
   */
  async set(accountId: string, bytes: Buffer, declaredType: string): Promise<string> {
    let info: ReturnType<typeof imageSize>;
    try {
      info = imageSize(bytes);
    } catch {
      throw new DomainError(ErrorCode.InvalidImage, 'not a PNG, JPEG or WebP image');
    }
    const type = ALLOWED[info.type as keyof typeof ALLOWED];
    if (!type || type !== declaredType) {
      throw new DomainError(ErrorCode.InvalidImage, 'not a PNG, JPEG or WebP image');
    }
    if (!info.width || !info.height || info.width > MAX_SIDE || info.height > MAX_SIDE) {
      throw new DomainError(ErrorCode.InvalidImage, `images must be at most ${MAX_SIDE}px a side`);
    }
    const id = newId();
    await this.blobs.put(id, bytes);
    const old = await this.db.transaction(async (tx) => {
      const accounts = new AccountStore(tx);
      const account = await accounts.byId(accountId);
      if (!account) throw notFound('account');
      await new BlobRecordStore(tx).insert({
        id,
        owner_id: accountId,
        kind: 'avatar',
        content_type: type,
        size_bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        created_at: this.clock.now(),
        expires_at: null,
      });
      await accounts.update(accountId, { avatar_blob_id: id, updated_at: this.clock.now() });
      if (account.avatar_blob_id) await new BlobRecordStore(tx).delete(account.avatar_blob_id);
      return account.avatar_blob_id;
    });
    if (old) await this.blobs.delete(old);
    return id;
  }

  /** Switching back to a built-in avatar deletes the uploaded image; nothing is orphaned. */
  async useBuiltin(accountId: string): Promise<void> {
    const old = await this.db.transaction(async (tx) => {
      const accounts = new AccountStore(tx);
      const account = await accounts.byId(accountId);
      if (!account?.avatar_blob_id) return null;
      await accounts.update(accountId, { avatar_blob_id: null });
      await new BlobRecordStore(tx).delete(account.avatar_blob_id);
      return account.avatar_blob_id;
    });
    if (old) await this.blobs.delete(old);
  }

  async get(blobId: string) {
    const record = await new BlobRecordStore(this.db.db).byId(blobId);
    if (!record || record.kind !== 'avatar') return null;
    const bytes = await this.blobs.get(blobId);
    return bytes ? { ownerId: record.owner_id, contentType: record.content_type, bytes } : null;
  }
}
