import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../../context.js';
import { RULES } from '../../../services/rate-guard.js';

/**
 * Anything that answers "does this public ID exist" spends the lookup budget, per account
 * and per network address, before it looks: so a refused answer costs the same as any other.
 */
export async function spendLookup(ctx: AppContext, req: FastifyRequest, accountId: string) {
  await ctx.guard.check(RULES.lookupPerAccount, accountId);
  await ctx.guard.check(RULES.lookupPerIp, req.ip);
}
