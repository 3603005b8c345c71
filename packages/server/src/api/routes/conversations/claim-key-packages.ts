import { ClaimKeyPackagesBody, ClaimKeyPackagesReply } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** Accounts the caller may not talk to are left out, exactly like accounts that do not exist. */
export function registerClaimKeyPackages(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/key-packages/claim',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['mls'],
        security: secured,
        body: ClaimKeyPackagesBody,
        response: { 200: ClaimKeyPackagesReply, ...errors(401, 429) },
      },
    },
    async (req) => ({
      keyPackages: await ctx.keyPackages.claim(authOf(req), req.body.accountIds),
    }),
  );
}
