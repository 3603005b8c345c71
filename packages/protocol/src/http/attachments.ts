import { Type, type Static } from 'typebox';
import { Id, strict, Timestamp } from './common.js';

/**
 * Attachments are opaque ciphertext (made by @kidtalk/crypto `encryptAttachment`); key, hash
 * and size travel inside the MLS message, so nothing here describes the content (P1).
 */

/** Carries the per-upload token on `PUT /v1/attachments/:id`. */
export const UPLOAD_TOKEN_HEADER = 'x-kidtalk-upload';

/** The exact length of the blob to come; the upload must match it byte for byte. */
export const CreateAttachmentBody = Type.Object(
  { conversationId: Id, size: Type.Integer({ minimum: 1 }) },
  strict,
);
export type CreateAttachmentBody = Static<typeof CreateAttachmentBody>;

export const CreateAttachmentReply = Type.Object(
  {
    id: Id,
    uploadToken: Type.String({ description: `send it in the ${UPLOAD_TOKEN_HEADER} header` }),
    expiresAt: Timestamp,
  },
  strict,
);
export type CreateAttachmentReply = Static<typeof CreateAttachmentReply>;

export const AttachmentParams = Type.Object({ id: Id }, strict);
export type AttachmentParams = Static<typeof AttachmentParams>;

export const UploadAttachmentReply = Type.Object({ id: Id, size: Type.Integer() }, strict);
export type UploadAttachmentReply = Static<typeof UploadAttachmentReply>;
