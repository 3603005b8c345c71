import { PublicIdParams } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** Anyone, a child included, may end a contact: it only ever narrows who can reach them. */
export function registerRemoveContact(app: KidTalkApp, ctx: AppContext): void {
  app.delete(
    '/v1/contacts/:publicId',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['contacts'],
        security: secured,
        params: PublicIdParams,
        response: { 204: {}, ...errors(401, 404) },
      },
    },
    async (req, reply) => {
      await ctx.contacts.remove(authOf(req).accountId, req.params.publicId);
      return reply.status(204).send();
    },
  );
}
