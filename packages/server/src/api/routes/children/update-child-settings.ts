import { ChildParams, ChildProfile, ChildSettingsBody } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf, elevationOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';
import { childOrGuardianView } from './child-view.js';

/** Self-friending (P19) is off by default and only a guardian, or the PIN, turns it on. */
export function registerUpdateChildSettings(app: KidTalkApp, ctx: AppContext): void {
  app.put(
    '/v1/children/:childId/settings',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['children'],
        security: secured,
        params: ChildParams,
        body: ChildSettingsBody,
        response: { 200: ChildProfile, ...errors(401, 403, 404) },
      },
    },
    async (req) => {
      const { childId } = req.params;
      await ctx.parental.authorize(authOf(req), childId, 'settings.update', elevationOf(req));
      await ctx.children.setSelfFriending(childId, req.body.selfFriending);
      return childOrGuardianView(ctx, childId);
    },
  );
}
