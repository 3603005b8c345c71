import { ClaimKeyPackagesBody, ClaimKeyPackagesReply } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import type { AuthContext } from '../../../services/auth-context.js';
import { claimRules } from '../../../services/rate-guard.js';
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
    async (req) => {
      const auth = authOf(req);
      await spendClaims(ctx, auth, req.body.accountIds);
      return { keyPackages: await ctx.keyPackages.claim(auth, req.body.accountIds) };
    },
  );
}

/**
 * Each claim takes one single-use package from every device of an account, so a contact
 * claiming over and over would drain them. Every listed account spends the claimer's budget,
 * and every other account the pair's, before anything is looked up: an account the caller may
 * not reach costs the same as one it may, so a refusal tells nothing about it.
 */
async function spendClaims(ctx: AppContext, auth: AuthContext, accountIds: string[]) {
  const rules = claimRules(ctx.config.keyPackageClaims);
  await ctx.guard.checkEach(
    rules.perAccount,
    accountIds.map(() => auth.accountId),
  );
  await ctx.guard.checkEach(
    rules.perPair,
    accountIds.filter((id) => id !== auth.accountId).map((id) => `${auth.accountId}:${id}`),
  );
}
