import { ChildParams, ChildProfile } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { RULES } from '../../../services/rate-guard.js';
import { authenticate, authOf, elevationOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';
import { childOrGuardianView } from './child-view.js';

/** The raw image is the body (image/png, image/jpeg or image/webp), size-limited. */
export function registerSetChildAvatar(app: KidTalkApp, ctx: AppContext): void {
  app.put(
    '/v1/children/:childId/avatar',
    {
      preHandler: authenticate(ctx),
      bodyLimit: ctx.config.avatarMaxBytes,
      schema: {
        tags: ['children'],
        security: secured,
        params: ChildParams,
        consumes: ['image/png', 'image/jpeg', 'image/webp'],
        response: { 200: ChildProfile, ...errors(401, 403, 404, 413, 415, 429) },
      },
    },
    async (req) => {
      const auth = authOf(req);
      const { childId } = req.params;
      await ctx.parental.authorize(auth, childId, 'profile.update', elevationOf(req));
      await ctx.guard.check(RULES.uploadPerAccount, auth.accountId);
      await ctx.avatars.set(childId, req.body as Buffer, req.headers['content-type'] ?? '');
      return childOrGuardianView(ctx, childId);
    },
  );
}
