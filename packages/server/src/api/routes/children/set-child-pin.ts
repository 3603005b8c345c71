import { ChildParams, SetPinBody } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** Only from a guardian's own session: the child's device can never change its PIN. */
export function registerSetChildPin(app: KidTalkApp, ctx: AppContext): void {
  app.put(
    '/v1/children/:childId/pin',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['parental PIN'],
        security: secured,
        params: ChildParams,
        body: SetPinBody,
        response: { 204: {}, ...errors(401, 404) },
      },
    },
    async (req, reply) => {
      const { childId } = req.params;
      await ctx.parental.assertGuardian(authOf(req), childId);
      const hash = await ctx.pins.hash(req.body.pin);
      await ctx.db.transaction(async (tx) => {
        await ctx.pins.set(tx, childId, hash);
        await ctx.notifications.notifyGuardians(tx, childId, 'pin.changed');
      });
      return reply.status(204).send();
    },
  );
}
