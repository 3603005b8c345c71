import { GuardianInviteList } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** Invites addressed to the caller's verified phone number. */
export function registerListGuardianInvites(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/guardian-invites',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['guardians'],
        security: secured,
        response: { 200: GuardianInviteList, ...errors(401) },
      },
    },
    async (req) => ({ invites: await ctx.guardians.openInvites(authOf(req)) }),
  );
}
