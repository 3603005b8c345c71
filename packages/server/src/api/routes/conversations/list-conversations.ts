import { ConversationList } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

export function registerListConversations(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/conversations',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['conversations'],
        security: secured,
        response: { 200: ConversationList, ...errors(401) },
      },
    },
    async (req) => ({ conversations: await ctx.conversations.list(authOf(req)) }),
  );
}
