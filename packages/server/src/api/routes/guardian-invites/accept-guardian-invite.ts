import { ChildProfile, IdParams } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

export function registerAcceptGuardianInvite(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/guardian-invites/:id/accept',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['guardians'],
        security: secured,
        params: IdParams,
        response: { 200: ChildProfile, ...errors(401, 404, 409) },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const childId = await ctx.guardians.accept(auth, req.params.id);
      return ctx.children.get(auth, childId);
    },
  );
}
