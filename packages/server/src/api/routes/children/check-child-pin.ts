import { ChildParams, CheckPinBody, ElevationReply, ErrorCode } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { DomainError, notFound } from '../../../errors.js';
import { RULES } from '../../../services/rate-guard.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/**
 * The "grown-up needed" screen on the child's device posts here. A right PIN returns a
 * single-use token for the one named action, valid for five minutes.
 */
export function registerCheckChildPin(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/children/:childId/pin/check',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['parental PIN'],
        security: secured,
        params: ChildParams,
        body: CheckPinBody,
        response: { 200: ElevationReply, ...errors(401, 403, 404, 423, 429) },
      },
    },
    async (req) => {
      const auth = authOf(req);
      if (auth.accountId !== req.params.childId) throw notFound('child');
      if (auth.kind !== 'child')
        throw new DomainError(ErrorCode.Forbidden, 'only on the child’s device');
      await ctx.guard.check(RULES.pinPerSession, auth.sessionId);
      return ctx.pins.check(auth, req.body.pin, req.body.action);
    },
  );
}
