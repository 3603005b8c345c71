import { ChildConversationList, ChildParams } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** A guardian sees who their child talks with and how often, never what (P7, P16). */
export function registerListChildConversations(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/children/:childId/conversations',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['children'],
        security: secured,
        params: ChildParams,
        response: { 200: ChildConversationList, ...errors(401, 404) },
      },
    },
    async (req) => {
      // First, so that another family's child (or the child itself) answers like a missing one.
      await ctx.parental.assertGuardian(authOf(req), req.params.childId);
      return { conversations: await ctx.childConversations.list(req.params.childId) };
    },
  );
}
