import { ChildParams } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf, elevationOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/**
 * Deletes a child account and everything about it (P23, P24): from a guardian's session, or
 * on the child's device with a PIN elevation for 'account.delete'. 409 LEGAL_HOLD while a
 * hold is open.
 */
export function registerDeleteChild(app: KidTalkApp, ctx: AppContext): void {
  app.delete(
    '/v1/children/:childId',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['data-rights'],
        security: secured,
        params: ChildParams,
        response: { 204: {}, ...errors(401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      const { childId } = req.params;
      await ctx.parental.authorize(auth, childId, 'account.delete', elevationOf(req));
      await ctx.deletion.delete(childId);
      return reply.status(204).send();
    },
  );
}
