import {
  KEY_PACKAGE_LOW_WATER,
  KeyPackageCount,
  MLS_BODY_LIMIT_BYTES,
  UploadKeyPackagesBody,
} from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

export function registerUploadKeyPackages(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/key-packages',
    {
      preHandler: authenticate(ctx),
      bodyLimit: MLS_BODY_LIMIT_BYTES,
      schema: {
        tags: ['mls'],
        security: secured,
        body: UploadKeyPackagesBody,
        response: { 200: KeyPackageCount, ...errors(401) },
      },
    },
    async (req) => {
      const { keyPackages, lastResort } = req.body;
      const remaining = await ctx.keyPackages.upload(authOf(req), keyPackages, lastResort);
      return { remaining, lowWater: KEY_PACKAGE_LOW_WATER };
    },
  );
}
