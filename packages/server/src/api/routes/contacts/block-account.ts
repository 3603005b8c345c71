import { BlockView, PublicIdBody } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';
import { spendLookup } from './lookup-guard.js';

/** Anyone, a child included, may block anyone, silently (docs/contacts.md). Idempotent. */
export function registerBlockAccount(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/blocks',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['contacts'],
        security: secured,
        body: PublicIdBody,
        response: { 201: BlockView, ...errors(401, 404, 429) },
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      await spendLookup(ctx, req, auth.accountId);
      return reply.status(201).send(await ctx.contacts.block(auth.accountId, req.body.publicId));
    },
  );
}
