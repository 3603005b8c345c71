import { KEY_PACKAGE_LOW_WATER, KeyPackageCount } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** The calling device's own unexpired single-use packages. */
export function registerCountKeyPackages(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/key-packages/count',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['mls'],
        security: secured,
        response: { 200: KeyPackageCount, ...errors(401) },
      },
    },
    async (req) => ({
      remaining: await ctx.keyPackages.remaining(authOf(req).deviceId),
      lowWater: KEY_PACKAGE_LOW_WATER,
    }),
  );
}
