import { AddMembersBody, ConversationView, IdParams } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** Any member may add people to a group, under the pair rule for every new pair. */
export function registerAddMembers(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/conversations/:id/members',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['conversations'],
        security: secured,
        params: IdParams,
        body: AddMembersBody,
        response: { 200: ConversationView, ...errors(401, 403, 404) },
      },
    },
    async (req) => ctx.conversations.addMembers(authOf(req), req.params.id, req.body.publicIds),
  );
}
