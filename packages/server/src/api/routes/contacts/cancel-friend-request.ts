import { FriendRequestView, RequestIdParams } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** The sender withdraws the request. */
export function registerCancelFriendRequest(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/friend-requests/:requestId/cancel',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['contacts'],
        security: secured,
        params: RequestIdParams,
        response: { 200: FriendRequestView, ...errors(401, 404) },
      },
    },
    async (req) => ctx.friendRequests.cancel(authOf(req).accountId, req.params.requestId),
  );
}
