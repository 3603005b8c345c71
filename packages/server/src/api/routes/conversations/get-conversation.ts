import { ConversationView, IdParams } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

export function registerGetConversation(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/conversations/:id',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['conversations'],
        security: secured,
        params: IdParams,
        response: { 200: ConversationView, ...errors(401, 404) },
      },
    },
    async (req) => ctx.conversations.get(authOf(req), req.params.id),
  );
}
