import { AnyProfile, PublicId } from '@kidtalk/protocol';
import { Type } from 'typebox';
import type { AppContext } from '../../../context.js';
import { RULES } from '../../../services/rate-guard.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** What the caller may see of an account, decided by the one profile serializer. */
export function registerGetProfile(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/profiles/:publicId',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['profiles'],
        security: secured,
        params: Type.Object({ publicId: PublicId }, { additionalProperties: false }),
        response: { 200: AnyProfile, ...errors(401, 404, 429) },
      },
    },
    async (req) => {
      const auth = authOf(req);
      await ctx.guard.check(RULES.profileLookupPerAccount, auth.accountId);
      return ctx.profiles.byPublicId(auth, req.params.publicId);
    },
  );
}
