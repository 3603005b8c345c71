import { BlockList } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

export function registerListBlocks(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/blocks',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['contacts'],
        security: secured,
        response: { 200: BlockList, ...errors(401) },
      },
    },
    async (req) => ({ blocks: await ctx.contacts.blocksOf(authOf(req).accountId) }),
  );
}
