import { ChildParams, InviteCreatedReply, InviteGuardianBody } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { normalizePhone } from '../../../security/phone.js';
import { RULES } from '../../../services/rate-guard.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

export function registerInviteGuardian(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/children/:childId/guardian-invites',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['guardians'],
        security: secured,
        params: ChildParams,
        body: InviteGuardianBody,
        response: { 201: InviteCreatedReply, ...errors(401, 404, 409, 429) },
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      await ctx.parental.assertGuardian(auth, req.params.childId);
      await ctx.guard.check(RULES.invitePerAccount, auth.accountId);
      const phone = normalizePhone(req.body.phone, ctx.config.defaultRegion);
      return reply.status(201).send(await ctx.guardians.invite(auth, req.params.childId, phone));
    },
  );
}
