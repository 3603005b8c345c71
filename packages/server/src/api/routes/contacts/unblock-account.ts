import { PublicIdParams } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf, elevationOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/**
 * Lifting a block never restores the contact. On a child's device it needs the parental PIN
 * (`contact.approve`): the block may be one a guardian made, and undoing it reopens the door.
 */
export function registerUnblockAccount(app: KidTalkApp, ctx: AppContext): void {
  app.delete(
    '/v1/blocks/:publicId',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['contacts'],
        security: secured,
        params: PublicIdParams,
        response: { 204: {}, ...errors(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      if (auth.kind === 'child') {
        await ctx.parental.authorize(auth, auth.accountId, 'contact.approve', elevationOf(req));
      }
      await ctx.contacts.unblock(auth.accountId, req.params.publicId);
      return reply.status(204).send();
    },
  );
}
