import { ChildParams, ReportList } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** A guardian follows the reports their child made (P16, P27). */
export function registerListChildReports(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/children/:childId/reports',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['reports'],
        security: secured,
        params: ChildParams,
        response: { 200: ReportList, ...errors(401, 404) },
      },
    },
    async (req) => {
      await ctx.parental.assertGuardian(authOf(req), req.params.childId);
      return { reports: await ctx.reports.list(req.params.childId) };
    },
  );
}
