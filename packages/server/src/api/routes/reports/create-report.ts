import { CreateReportBody, REPORT_BODY_LIMIT_BYTES, ReportView } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { RULES } from '../../../services/rate-guard.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/**
 * A child or an adult reports an account that sent them messages, with those messages as
 * franked evidence, and may block it in the same step (P13, P26). Refused whole, with
 * EVIDENCE_INVALID, if any item does not verify.
 */
export function registerCreateReport(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/reports',
    {
      preHandler: authenticate(ctx),
      bodyLimit: REPORT_BODY_LIMIT_BYTES,
      schema: {
        tags: ['reports'],
        security: secured,
        body: CreateReportBody,
        response: { 201: ReportView, ...errors(401, 413, 422, 429) },
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      await ctx.guard.check(RULES.reportPerAccount, auth.accountId);
      return reply.status(201).send(await ctx.reports.create(auth, req.body));
    },
  );
}
