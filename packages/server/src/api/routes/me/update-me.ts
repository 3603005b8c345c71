import { ErrorCode, SelfProfile, UpdateMeBody } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { DomainError, notFound } from '../../../errors.js';
import { serializeProfile } from '../../../services/profile-serializer.js';
import { AccountStore } from '../../../stores/account-store.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** Adults edit themselves; a child's profile is changed through the parental routes. */
export function registerUpdateMe(app: KidTalkApp, ctx: AppContext): void {
  app.patch(
    '/v1/me',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['me'],
        security: secured,
        body: UpdateMeBody,
        response: { 200: SelfProfile, ...errors(401, 403) },
      },
    },
    async (req) => {
      const auth = authOf(req);
      if (auth.kind !== 'adult') {
        throw new DomainError(ErrorCode.Forbidden, "a child's profile is changed by a guardian");
      }
      const store = new AccountStore(ctx.db.db);
      const { displayName, avatar } = req.body;
      if (displayName !== undefined || avatar !== undefined) {
        await store.update(auth.accountId, {
          ...(displayName !== undefined && { display_name: displayName }),
          ...(avatar !== undefined && { avatar_builtin: avatar.id }),
          updated_at: ctx.clock.now(),
        });
      }
      // An uploaded picture would hide the built-in one; it is deleted, not left orphaned.
      if (avatar !== undefined) await ctx.avatars.useBuiltin(auth.accountId);
      const account = await store.byId(auth.accountId);
      if (!account) throw notFound('account');
      return serializeProfile.self(account);
    },
  );
}
