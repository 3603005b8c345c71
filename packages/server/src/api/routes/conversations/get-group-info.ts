import { GroupInfoReply, IdParams } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** The latest GroupInfo, for a member's new device to join by external commit. */
export function registerGetGroupInfo(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/conversations/:id/group-info',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['mls'],
        security: secured,
        params: IdParams,
        response: { 200: GroupInfoReply, ...errors(401, 404) },
      },
    },
    async (req) => ctx.delivery.groupInfo(authOf(req), req.params.id),
  );
}
