import { ConsentView, GiveConsentBody } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** Consent is recorded before anything it covers; withdrawing is another call with granted=false. */
export function registerGiveConsent(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/consents',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['consents'],
        security: secured,
        body: GiveConsentBody,
        response: { 201: ConsentView, ...errors(401, 403, 404) },
      },
    },
    async (req, reply) => reply.status(201).send(await ctx.consents.give(authOf(req), req.body)),
  );
}
