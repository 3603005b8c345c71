import { ErrorBody, ErrorCode } from '@kidtalk/protocol';
import { Type } from 'typebox';
import type { AppContext } from '../../../context.js';
import { toErrorBody } from '../../error-mapper.js';
import type { KidTalkApp } from '../../types.js';

/** Readiness: the database answers, so a load balancer may send traffic here. */
export function registerReadyz(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/readyz',
    {
      logLevel: 'warn',
      schema: {
        tags: ['ops'],
        response: {
          200: Type.Object({ ok: Type.Literal(true), db: Type.String() }),
          503: ErrorBody,
        },
      },
    },
    async (req, reply) => {
      try {
        await ctx.db.ping();
        return { ok: true as const, db: ctx.db.dialect };
      } catch (err) {
        req.log.warn({ err }, 'database not ready');
        return reply.status(503).send(toErrorBody(ErrorCode.Unavailable, 'database unavailable'));
      }
    },
  );
}
