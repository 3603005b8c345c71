import { LinkDeviceBody, SessionReply } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { RULES } from '../../../services/rate-guard.js';
import { serializeProfile } from '../../../services/profile-serializer.js';
import { AccountStore } from '../../../stores/account-store.js';
import type { KidTalkApp } from '../../types.js';
import { errors } from '../responses.js';

/** The child's device signs in with the guardian's one-time link code (typed or from a QR). */
export function registerLinkDevice(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/auth/link',
    {
      schema: {
        tags: ['auth'],
        body: LinkDeviceBody,
        response: { 200: SessionReply, ...errors(429) },
      },
    },
    async (req) => {
      await ctx.guard.check(RULES.linkPerIp, req.ip);
      const s = await ctx.auth.linkDevice(req.body.code, req.body.device, req.ip);
      const account = (await new AccountStore(ctx.db.db).byId(s.accountId))!;
      return {
        token: s.token,
        sessionId: s.sessionId,
        created: false,
        account: serializeProfile.self(account),
      };
    },
  );
}
