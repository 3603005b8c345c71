import { CreateSupportBody, SupportRequestView } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { RULES } from '../../../services/rate-guard.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** A support or feedback request, due 15 working days out (P10, P33). */
export function registerCreateSupportRequest(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/support',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['support'],
        security: secured,
        body: CreateSupportBody,
        response: { 201: SupportRequestView, ...errors(401, 429) },
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      await ctx.guard.check(RULES.supportPerAccount, auth.accountId);
      return reply.status(201).send(await ctx.support.create(auth.accountId, req.body));
    },
  );
}
