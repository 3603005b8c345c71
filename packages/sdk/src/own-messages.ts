import type { AttachmentRef, MessageContent } from '@kidtalk/crypto';
import { fromB64, toB64 } from './encoding.js';
import type { OwnMessage } from './types.js';

const SHOWN = new Set<MessageContent['type']>([
  'text',
  'sticker',
  'image',
  'voice',
  'drawing',
  'location',
]);

/** Messages a chat shows as bubbles; receipts, reactions, typing and calls are not kept. */
export function isShown(content: MessageContent): boolean {
  return isShownType(content.type);
}

export function isShownType(type: MessageContent['type']): boolean {
  return SHOWN.has(type);
}

interface StoredRef {
  blobId: string;
  key: string;
  sha256: string;
  size: number;
  mime: string;
}

/** Store values are plain JSON: an attachment's key and hash go in as base64url. */
export function encodeOwn(m: OwnMessage): unknown {
  const c = m.content;
  if (!('attachment' in c)) return m;
  const a = c.attachment;
  const ref: StoredRef = { ...a, key: toB64(a.key), sha256: toB64(a.sha256) };
  return { ...m, content: { ...c, attachment: ref } };
}

export function decodeOwn(v: unknown): OwnMessage {
  const m = v as OwnMessage;
  const c = m.content;
  if (!('attachment' in c)) return m;
  const a = c.attachment as unknown as StoredRef;
  const ref: AttachmentRef = { ...a, key: fromB64(a.key), sha256: fromB64(a.sha256) };
  return { ...m, content: { ...c, attachment: ref } as MessageContent };
}
