/** Opaque bytes by ID. Local disk by default; an S3-compatible store can implement the same. */
export interface BlobStore {
  put(id: string, bytes: Uint8Array): Promise<void>;
  get(id: string): Promise<Uint8Array | null>;
  delete(id: string): Promise<void>;
  list(): Promise<string[]>;
}
