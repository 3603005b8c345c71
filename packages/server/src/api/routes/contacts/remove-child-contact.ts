import { ChildPublicIdParams } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** A guardian ends one of their child's contacts at any time, self-friending or not (P19). */
export function registerRemoveChildContact(app: KidTalkApp, ctx: AppContext): void {
  app.delete(
    '/v1/children/:childId/contacts/:publicId',
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
      await ctx.contacts.remove(req.params.childId, req.params.publicId);
      return reply.status(204).send();
    },
  );
}
