import { ChildRequestParams, FriendRequestView } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf, elevationOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** The guardian's no: the request is declined, and only this child's family is told. */
export function registerDenyChildFriendRequest(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/children/:childId/friend-requests/:requestId/deny',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['contacts'],
        security: secured,
        params: ChildRequestParams,
        response: { 200: FriendRequestView, ...errors(401, 403, 404) },
      },
    },
    async (req) => {
      const { childId, requestId } = req.params;
      await ctx.parental.authorize(authOf(req), childId, 'contact.approve', elevationOf(req));
      return ctx.friendRequests.guardianDeny(childId, requestId);
    },
  );
}
