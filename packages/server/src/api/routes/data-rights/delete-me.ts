import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';
import { forbiddenForChild } from './forbidden-for-child.js';

/**
 * An adult deletes their own account (P23). 409 SOLE_GUARDIAN while they are a child's only
 * guardian; a child's account is deleted through DELETE /v1/children/:childId behind the PIN.
 */
export function registerDeleteMe(app: KidTalkApp, ctx: AppContext): void {
  app.delete(
    '/v1/me',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['data-rights'],
        security: secured,
        response: { 204: {}, ...errors(401, 403, 409) },
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      if (auth.kind !== 'adult') throw forbiddenForChild();
      await ctx.deletion.delete(auth.accountId);
      return reply.status(204).send();
    },
  );
}
