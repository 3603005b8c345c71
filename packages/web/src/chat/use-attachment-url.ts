import { useEffect, useState } from 'react';
import type { AttachmentRef } from './send.js';

export type LoadAttachment = (ref: AttachmentRef) => Promise<Uint8Array>;

export type AttachmentUrl =
  { state: 'loading' } | { state: 'failed' } | { state: 'ready'; url: string };

/** Decrypted bytes as a blob: URL for <img> or <audio>, revoked when no longer shown. */
export function useAttachmentUrl(load: LoadAttachment, ref: AttachmentRef): AttachmentUrl {
  const [out, setOut] = useState<{ blobId: string; value: AttachmentUrl }>();
  useEffect(() => {
    let url: string | undefined;
    let live = true;
    load(ref).then(
      (bytes) => {
        url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: ref.mime }));
        if (live) setOut({ blobId: ref.blobId, value: { state: 'ready', url } });
        else URL.revokeObjectURL(url);
      },
      () => live && setOut({ blobId: ref.blobId, value: { state: 'failed' } }),
    );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [load, ref]);
  return out?.blobId === ref.blobId ? out.value : { state: 'loading' };
}
