import { BlockView, ChildParams, PublicIdBody } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';
import { spendLookup } from './lookup-guard.js';

/** A guardian blocks anyone for their child, contact or not, silently (P19). */
export function registerBlockForChild(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/children/:childId/blocks',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['contacts'],
        security: secured,
        params: ChildParams,
        body: PublicIdBody,
        response: { 201: BlockView, ...errors(401, 404, 429) },
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      await ctx.parental.assertGuardian(auth, req.params.childId);
      await spendLookup(ctx, req, auth.accountId);
      const view = await ctx.contacts.block(req.params.childId, req.body.publicId);
      return reply.status(201).send(view);
    },
  );
}
