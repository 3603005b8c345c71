import { AttachmentParams } from '@kidtalk/protocol';
import { Type } from 'typebox';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** Downloading is the recipient device's acknowledgement: the blob goes after the last one. */
export function registerGetAttachment(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/attachments/:id',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['attachments'],
        security: secured,
        params: AttachmentParams,
        response: {
          200: Type.Unknown({ description: 'the encrypted bytes' }),
          ...errors(401, 404),
        },
      },
    },
    async (req, reply) => {
      const bytes = await ctx.attachments.fetch(authOf(req), req.params.id);
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', 'attachment')
        .header('content-security-policy', "default-src 'none'")
        .send(Buffer.from(bytes));
    },
  );
}
