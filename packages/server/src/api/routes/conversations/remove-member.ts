import { ConversationMemberParams, Ok } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** Leave, a group creator's removal, or a guardian taking their child out of any conversation. */
export function registerRemoveMember(app: KidTalkApp, ctx: AppContext): void {
  app.delete(
    '/v1/conversations/:id/members/:publicId',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['conversations'],
        security: secured,
        params: ConversationMemberParams,
        response: { 200: Ok, ...errors(401, 403, 404) },
      },
    },
    async (req) => {
      await ctx.conversations.removeMember(authOf(req), req.params.id, req.params.publicId);
      return { ok: true as const };
    },
  );
}
