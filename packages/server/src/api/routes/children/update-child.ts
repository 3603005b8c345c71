import { ChildParams, ChildProfile, UpdateChildBody } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf, elevationOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';
import { childOrGuardianView } from './child-view.js';

/** Guardians correct any field (P24); on the child's device this needs the PIN. */
export function registerUpdateChild(app: KidTalkApp, ctx: AppContext): void {
  app.patch(
    '/v1/children/:childId',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['children'],
        security: secured,
        params: ChildParams,
        body: UpdateChildBody,
        response: { 200: ChildProfile, ...errors(401, 403, 404) },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const { childId } = req.params;
      await ctx.parental.authorize(auth, childId, 'profile.update', elevationOf(req));
      if (req.body.avatar) await ctx.avatars.useBuiltin(childId);
      await ctx.children.update(childId, req.body);
      return childOrGuardianView(ctx, childId);
    },
  );
}
