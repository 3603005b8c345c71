import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

export function registerSignOut(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/auth/sign-out',
    {
      preHandler: authenticate(ctx),
      schema: { tags: ['auth'], security: secured, response: { 204: {}, ...errors(401) } },
    },
    async (req, reply) => {
      const auth = authOf(req);
      await ctx.sessions.revoke(auth.accountId, auth.sessionId);
      return reply.status(204).send();
    },
  );
}
