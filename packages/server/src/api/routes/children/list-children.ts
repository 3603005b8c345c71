import { ChildList } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

export function registerListChildren(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/children',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['children'],
        security: secured,
        response: { 200: ChildList, ...errors(401) },
      },
    },
    async (req) => ({ children: await ctx.children.list(authOf(req)) }),
  );
}
