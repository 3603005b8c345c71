import { ChildParams, ChildProfile } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

export function registerGetChild(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/children/:childId',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['children'],
        security: secured,
        params: ChildParams,
        response: { 200: ChildProfile, ...errors(401, 404) },
      },
    },
    async (req) => {
      // First, so that another family's child answers exactly like a missing one.
      await ctx.parental.assertGuardian(authOf(req), req.params.childId);
      return ctx.children.get(authOf(req), req.params.childId);
    },
  );
}
