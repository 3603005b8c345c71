import { ChildParams, GuardianList } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

export function registerListGuardians(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/children/:childId/guardians',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['guardians'],
        security: secured,
        params: ChildParams,
        response: { 200: GuardianList, ...errors(401, 404) },
      },
    },
    async (req) => {
      await ctx.parental.assertGuardian(authOf(req), req.params.childId);
      return { guardians: await ctx.guardians.list(req.params.childId) };
    },
  );
}
