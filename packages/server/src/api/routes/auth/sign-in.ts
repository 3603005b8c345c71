import { SessionReply, SignInBody } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { normalizePhone } from '../../../security/phone.js';
import { AccountStore } from '../../../stores/account-store.js';
import { serializeProfile } from '../../../services/profile-serializer.js';
import type { KidTalkApp } from '../../types.js';
import { errors } from '../responses.js';

/** Sign-up and sign-in are one call: the first verified sign-in creates the adult account. */
export function registerSignIn(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/auth/sign-in',
    {
      schema: {
        tags: ['auth'],
        body: SignInBody,
        response: { 200: SessionReply, ...errors(403, 429) },
      },
    },
    async (req) => {
      const phone = normalizePhone(req.body.phone, ctx.config.defaultRegion);
      const s = await ctx.auth.signIn(phone, req.body, req.ip);
      const account = (await new AccountStore(ctx.db.db).byId(s.accountId))!;
      return {
        token: s.token,
        sessionId: s.sessionId,
        created: s.created,
        account: serializeProfile.self(account),
      };
    },
  );
}
