import { ChildPublicIdParams } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** Lifts a block on the child's behalf; the contact is not restored (a new request is needed). */
export function registerUnblockForChild(app: KidTalkApp, ctx: AppContext): void {
  app.delete(
    '/v1/children/:childId/blocks/:publicId',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['contacts'],
        security: secured,
        params: ChildPublicIdParams,
        response: { 204: {}, ...errors(401, 404) },
      },
    },
    async (req, reply) => {
      await ctx.parental.assertGuardian(authOf(req), req.params.childId);
      await ctx.contacts.unblock(req.params.childId, req.params.publicId);
      return reply.status(204).send();
    },
  );
}
