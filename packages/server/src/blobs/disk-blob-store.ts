import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BlobStore } from './blob-store.js';

const SAFE_ID = /^[A-Za-z0-9_-]{16,64}$/;

export class DiskBlobStore implements BlobStore {
  constructor(private readonly dir: string) {}

  async put(id: string, bytes: Uint8Array): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    // Write then rename, so a crash never leaves a half-written blob under its real name.
    const tmp = `${this.file(id)}.tmp`;
    await writeFile(tmp, bytes, { mode: 0o600 });
    await rename(tmp, this.file(id));
  }

  async get(id: string): Promise<Uint8Array | null> {
    try {
      return await readFile(this.file(id));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(id: string): Promise<void> {
    await rm(this.file(id), { force: true });
  }

  /** Blob IDs present; also removes half-written `.tmp` files left by a crash mid-write. */
  async list(): Promise<string[]> {
    try {
      const names = await readdir(this.dir);
      for (const n of names) {
        if (n.endsWith('.tmp') && SAFE_ID.test(n.slice(0, -4))) await this.removeIfStale(n);
      }
      return names.filter((f) => SAFE_ID.test(f));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }

  // A `.tmp` younger than a minute may be a write in progress right now.
  private async removeIfStale(name: string): Promise<void> {
    const full = path.join(this.dir, name);
    const info = await stat(full).catch(() => null);
    if (info && Date.now() - info.mtimeMs > 60_000) await rm(full, { force: true });
  }

  private file(id: string): string {
    // IDs are server-generated, but a path must never be built from an unchecked string.
    if (!SAFE_ID.test(id)) throw new Error('invalid blob id');
    return path.join(this.dir, id);
  }
}
