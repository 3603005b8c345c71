import { BlockList, ChildParams } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** Everyone the child has blocked, whether the child or a guardian made the block. */
export function registerListChildBlocks(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/children/:childId/blocks',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['contacts'],
        security: secured,
        params: ChildParams,
        response: { 200: BlockList, ...errors(401, 404) },
      },
    },
    async (req) => {
      await ctx.parental.assertGuardian(authOf(req), req.params.childId);
      return { blocks: await ctx.contacts.blocksOf(req.params.childId) };
    },
  );
}
