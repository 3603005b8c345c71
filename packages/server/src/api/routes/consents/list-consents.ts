import { ConsentList } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

export function registerListConsents(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/consents',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['consents'],
        security: secured,
        response: { 200: ConsentList, ...errors(401) },
      },
    },
    async (req) => ({ consents: await ctx.consents.list(authOf(req)) }),
  );
}
