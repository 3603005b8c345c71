import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
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

  async list(): Promise<string[]> {
    try {
      return (await readdir(this.dir)).filter((f) => SAFE_ID.test(f));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }

  private file(id: string): string {
    // IDs are server-generated, but a path must never be built from an unchecked string.
    if (!SAFE_ID.test(id)) throw new Error('invalid blob id');
    return path.join(this.dir, id);
  }
}
