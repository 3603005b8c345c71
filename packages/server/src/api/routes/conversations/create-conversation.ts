import { ConversationView, CreateConversationBody } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/**
 * The server record comes first; the creator's device then creates the MLS group with the
 * returned id and posts the first commit. A direct conversation that already exists between
 * the two is returned (200) rather than duplicated.
 */
export function registerCreateConversation(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/conversations',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['conversations'],
        security: secured,
        body: CreateConversationBody,
        response: { 200: ConversationView, 201: ConversationView, ...errors(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const { view, created } = await ctx.conversations.create(
        authOf(req),
        req.body.kind,
        req.body.members,
      );
      return reply.status(created ? 201 : 200).send(view);
    },
  );
}
