import { SupportRequestList } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

export function registerListSupportRequests(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/support',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['support'],
        security: secured,
        response: { 200: SupportRequestList, ...errors(401) },
      },
    },
    async (req) => ({ requests: await ctx.support.list(authOf(req).accountId) }),
  );
}
