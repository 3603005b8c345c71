import { FriendRequestList } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** Mine, incoming and outgoing, newest first; on a child's device the parent area uses it too. */
export function registerListFriendRequests(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/friend-requests',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['contacts'],
        security: secured,
        response: { 200: FriendRequestList, ...errors(401) },
      },
    },
    async (req) => ({ requests: await ctx.friendRequests.listFor(authOf(req).accountId) }),
  );
}
