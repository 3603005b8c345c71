import { FriendRequestView, RequestIdParams } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** The recipient says yes; a child recipient still needs their guardian unless self-friending. */
export function registerAcceptFriendRequest(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/friend-requests/:requestId/accept',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['contacts'],
        security: secured,
        params: RequestIdParams,
        response: { 200: FriendRequestView, ...errors(401, 404) },
      },
    },
    async (req) => ctx.friendRequests.accept(authOf(req).accountId, req.params.requestId),
  );
}
