import { ChildParams, FriendRequestList } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** The child's requests as the child sees them, for the guardian dashboard (P18). */
export function registerListChildFriendRequests(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/children/:childId/friend-requests',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['contacts'],
        security: secured,
        params: ChildParams,
        response: { 200: FriendRequestList, ...errors(401, 404) },
      },
    },
    async (req) => {
      await ctx.parental.assertGuardian(authOf(req), req.params.childId);
      return { requests: await ctx.friendRequests.listFor(req.params.childId) };
    },
  );
}
