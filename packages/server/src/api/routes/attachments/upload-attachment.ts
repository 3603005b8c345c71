import {
  AttachmentParams,
  ErrorCode,
  UPLOAD_TOKEN_HEADER,
  UploadAttachmentReply,
} from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { DomainError } from '../../../errors.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** The opaque ciphertext is the body; the size limit is enforced while it streams in. */
export function registerUploadAttachment(app: KidTalkApp, ctx: AppContext): void {
  app.put(
    '/v1/attachments/:id',
    {
      preHandler: authenticate(ctx),
      bodyLimit: ctx.config.attachmentMaxBytes,
      schema: {
        tags: ['attachments'],
        security: secured,
        params: AttachmentParams,
        consumes: ['application/octet-stream'],
        response: { 200: UploadAttachmentReply, ...errors(401, 403, 404, 409, 413, 415) },
      },
    },
    async (req) => {
      // A JSON body would arrive parsed; only raw bytes are an attachment.
      if (!Buffer.isBuffer(req.body)) {
        throw new DomainError(ErrorCode.UnsupportedMediaType, 'send application/octet-stream');
      }
      const token = req.headers[UPLOAD_TOKEN_HEADER];
      return ctx.attachments.upload(
        authOf(req),
        req.params.id,
        typeof token === 'string' ? token : undefined,
        req.body,
      );
    },
  );
}
