import { CreateAttachmentBody, CreateAttachmentReply } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { RULES } from '../../../services/rate-guard.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** Reserves an attachment in a conversation the caller is in, and hands out its upload token. */
export function registerCreateAttachment(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/attachments',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['attachments'],
        security: secured,
        body: CreateAttachmentBody,
        response: { 201: CreateAttachmentReply, ...errors(401, 404, 413, 429) },
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      await ctx.guard.check(RULES.attachmentPerAccount, auth.accountId);
      const created = await ctx.attachments.reserve(auth, req.body.conversationId, req.body.size);
      return reply.status(201).send(created);
    },
  );
}
