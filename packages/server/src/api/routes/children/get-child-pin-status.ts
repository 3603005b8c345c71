import { ChildParams, PinStatus } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** Whether the child's PIN is set, usable, locked for a while, or waiting for an SMS unlock. */
export function registerGetChildPinStatus(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/children/:childId/pin',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['parental PIN'],
        security: secured,
        params: ChildParams,
        response: { 200: PinStatus, ...errors(401, 404) },
      },
    },
    async (req) => {
      const { childId } = req.params;
      await ctx.parental.assertGuardian(authOf(req), childId);
      return ctx.pins.status(childId);
    },
  );
}
