import { PublicCard, PublicIdParams } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';
import { spendLookup } from './lookup-guard.js';

/**
 * Find an account by its exact public ID (typed, or read from a `kidtalk://user?id=` QR code).
 * Unknown, banned and blocked-either-way answer the same 404.
 */
export function registerLookupUser(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/lookup/:publicId',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['contacts'],
        security: secured,
        params: PublicIdParams,
        response: { 200: PublicCard, ...errors(401, 404, 429) },
      },
    },
    async (req) => {
      const auth = authOf(req);
      await spendLookup(ctx, req, auth.accountId);
      return ctx.contacts.lookup(auth.accountId, req.params.publicId);
    },
  );
}
