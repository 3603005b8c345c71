import { ChildSessionParams } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

export function registerRevokeChildSession(app: KidTalkApp, ctx: AppContext): void {
  app.delete(
    '/v1/children/:childId/sessions/:sessionId',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['devices'],
        security: secured,
        params: ChildSessionParams,
        response: { 204: {}, ...errors(401, 404) },
      },
    },
    async (req, reply) => {
      await ctx.parental.assertGuardian(authOf(req), req.params.childId);
      await ctx.sessions.revoke(req.params.childId, req.params.sessionId);
      return reply.status(204).send();
    },
  );
}
