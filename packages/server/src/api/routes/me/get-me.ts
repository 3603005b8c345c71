import { SelfProfile } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { notFound } from '../../../errors.js';
import { serializeProfile } from '../../../services/profile-serializer.js';
import { AccountStore } from '../../../stores/account-store.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

export function registerGetMe(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/me',
    {
      preHandler: authenticate(ctx),
      schema: { tags: ['me'], security: secured, response: { 200: SelfProfile, ...errors(401) } },
    },
    async (req) => {
      const account = await new AccountStore(ctx.db.db).byId(authOf(req).accountId);
      if (!account) throw notFound('account');
      return serializeProfile.self(account);
    },
  );
}
