import { ChildParams, LinkCodeReply } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf, elevationOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

export function registerCreateLinkCode(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/children/:childId/link-codes',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['devices'],
        security: secured,
        params: ChildParams,
        response: { 201: LinkCodeReply, ...errors(401, 403, 404) },
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      const { childId } = req.params;
      await ctx.parental.authorize(auth, childId, 'device.link', elevationOf(req));
      return reply.status(201).send(await ctx.links.create(childId, auth.accountId));
    },
  );
}
