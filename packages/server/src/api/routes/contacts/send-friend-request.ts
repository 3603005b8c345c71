import { FriendRequestView, PublicIdBody } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { RULES } from '../../../services/rate-guard.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';
import { spendLookup } from './lookup-guard.js';

/** 201 for a new request; 200 with the open one when it already exists either way. */
export function registerSendFriendRequest(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/friend-requests',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['contacts'],
        security: secured,
        body: PublicIdBody,
        response: { 200: FriendRequestView, 201: FriendRequestView, ...errors(401, 404, 409, 429) },
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      await spendLookup(ctx, req, auth.accountId);
      await ctx.guard.check(RULES.friendRequestPerAccount, auth.accountId);
      const { view, created } = await ctx.friendRequests.send(auth.accountId, req.body.publicId);
      return reply.status(created ? 201 : 200).send(view);
    },
  );
}
