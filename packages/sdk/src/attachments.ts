import type { AttachmentRef, MessageContent } from '@kidtalk/crypto';
import { decryptAttachment, encryptAttachment } from '@kidtalk/crypto';
import { UPLOAD_TOKEN_HEADER } from '@kidtalk/protocol';
import type { HttpClient } from './http-client.js';

export type AttachmentMeta =
  | { type: 'image'; mime: string; width: number; height: number; caption?: string }
  | { type: 'drawing'; mime: string; width: number; height: number }
  | { type: 'voice'; mime: string; durationMs: number };

/**
 * Encrypts (committing: the key cannot be swapped later), reserves and uploads the opaque
 * blob, and returns the message content that carries its key and hash. The server never sees
 * what the attachment is (P1).
 */
export async function uploadAttachment(
  http: HttpClient,
  conversationId: string,
  bytes: Uint8Array,
  meta: AttachmentMeta,
): Promise<MessageContent> {
  const enc = await encryptAttachment(bytes);
  const created = await http.json<{ id: string; uploadToken: string }>({
    method: 'POST',
    path: '/v1/attachments',
    body: { conversationId, size: enc.blob.length },
  });
  await http.json({
    method: 'PUT',
    path: `/v1/attachments/${encodeURIComponent(created.id)}`,
    bytes: enc.blob,
    headers: { [UPLOAD_TOKEN_HEADER]: created.uploadToken },
  });
  const { type, mime, ...rest } = meta;
  const attachment: AttachmentRef = {
    blobId: created.id,
    key: enc.key,
    sha256: enc.sha256,
    size: enc.size,
    mime,
  };
  return { type, attachment, ...rest } as MessageContent;
}

export async function downloadAttachment(
  http: HttpClient,
  ref: AttachmentRef,
): Promise<Uint8Array> {
  const blob = await http.bytes({
    method: 'GET',
    path: `/v1/attachments/${encodeURIComponent(ref.blobId)}`,
  });
  return decryptAttachment(blob, ref);
}
