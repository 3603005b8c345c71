import { IdParams } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

export function registerRevokeSession(app: KidTalkApp, ctx: AppContext): void {
  app.delete(
    '/v1/sessions/:id',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['me'],
        security: secured,
        params: IdParams,
        response: { 204: {}, ...errors(401, 404) },
      },
    },
    async (req, reply) => {
      await ctx.sessions.revoke(authOf(req).accountId, req.params.id);
      return reply.status(204).send();
    },
  );
}
