import { ChildParams, UnlockPinBody } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { notFound } from '../../../errors.js';
import { AccountStore } from '../../../stores/account-store.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/**
 * A guardian unlocks a child's locked PIN from their own session. A 15-minute lock needs
 * nothing more; after ten wrong PINs the guardian proves again, by SMS to their own number,
 * that they are the one unlocking it (request the code with purpose `pin_unlock`).
 */
export function registerUnlockChildPin(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/children/:childId/pin/unlock',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['parental PIN'],
        security: secured,
        params: ChildParams,
        body: UnlockPinBody,
        response: { 204: {}, ...errors(400, 401, 403, 404, 429) },
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      const { childId } = req.params;
      await ctx.parental.assertGuardian(auth, childId);
      const { code } = req.body;
      if (code !== undefined) {
        const me = await new AccountStore(ctx.db.db).byId(auth.accountId);
        if (!me?.phone_e164) throw notFound('account');
        await ctx.otp.verify(me.phone_e164, 'pin_unlock', code, req.ip);
      }
      await ctx.db.transaction(async (tx) => {
        if (code !== undefined) await ctx.pins.unlock(tx, childId);
        // Nothing to lift is no event: the other guardians are not told of it.
        else if (!(await ctx.pins.lift(tx, childId))) return;
        await ctx.notifications.notifyGuardians(tx, childId, 'pin.unlocked');
      });
      return reply.status(204).send();
    },
  );
}
