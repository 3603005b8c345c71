import { FriendRequestView, RequestIdParams } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** The recipient says no; only the recipient's own family is told. */
export function registerDeclineFriendRequest(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/friend-requests/:requestId/decline',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['contacts'],
        security: secured,
        params: RequestIdParams,
        response: { 200: FriendRequestView, ...errors(401, 404) },
      },
    },
    async (req) => ctx.friendRequests.decline(authOf(req).accountId, req.params.requestId),
  );
}
