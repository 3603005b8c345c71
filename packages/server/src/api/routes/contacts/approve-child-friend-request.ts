import { ChildRequestParams, FriendRequestView } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf, elevationOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** The guardian's yes for the child's side (P18): from their own session, or with the PIN on the child's device. For a child recipient it is also the child's acceptance. */
export function registerApproveChildFriendRequest(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/children/:childId/friend-requests/:requestId/approve',
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
      return ctx.friendRequests.guardianApprove(childId, requestId);
    },
  );
}
