import { IdParams } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** The invitee says no; the invitation is gone and the inviting guardian is told (P16). */
export function registerRefuseGuardianInvite(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/guardian-invites/:id/refuse',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['guardians'],
        security: secured,
        params: IdParams,
        response: { 204: {}, ...errors(401, 404) },
      },
    },
    async (req, reply) => {
      await ctx.guardians.refuse(authOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
