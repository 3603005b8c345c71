import type { BlobStore } from '../blobs/blob-store.js';
import { MINUTE } from '../clock.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';

/**
 * Writers may put a file before its row (avatars do, so that a row never points at nothing);
 * a file without a row is only an orphan once it has stayed so for this long.
 */
export const ORPHAN_GRACE_MS = 10 * MINUTE;
const CHUNK = 500;

/**
 * The file side of retention: deletes every file in the BlobStore that no `blobs` row claims
 * (a crash between writing a file and its row, or between deleting a row and its file), so
 * nothing can stay behind that a rule no longer knows about. Listing the store is costly, so
 * it runs at most twice per grace period.
 */
export class BlobSweeper {
  /** File ID → when it was first seen without a row. Lost on restart: that only delays it. */
  private suspects = new Map<string, number>();
  private lastSweep = -Infinity;

  constructor(
    private readonly db: Database,
    private readonly blobs: BlobStore,
    private readonly clock: Clock,
    private readonly graceMs = ORPHAN_GRACE_MS,
  ) {}

  async sweep(): Promise<number> {
    const now = this.clock.now();
    if (now - this.lastSweep < this.graceMs / 2) return 0;
    this.lastSweep = now;
    const files = await this.blobs.list();
    const known = new Set<string>();
    for (let i = 0; i < files.length; i += CHUNK) {
      const rows = await this.db.db
        .selectFrom('blobs')
        .select('id')
        .where('id', 'in', files.slice(i, i + CHUNK))
        .execute();
      for (const r of rows) known.add(r.id);
    }
    const next = new Map<string, number>();
    let deleted = 0;
    for (const id of files) {
      if (known.has(id)) continue;
      const since = this.suspects.get(id) ?? now;
      if (now - since >= this.graceMs) {
        await this.blobs.delete(id);
        deleted++;
      } else next.set(id, since);
    }
    this.suspects = next;
    return deleted;
  }
}
