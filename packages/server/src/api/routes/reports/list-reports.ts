import { ReportList } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** The caller's own reports, with status and the 15-day review clock (P27). */
export function registerListReports(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/reports',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['reports'],
        security: secured,
        response: { 200: ReportList, ...errors(401) },
      },
    },
    async (req) => ({ reports: await ctx.reports.list(authOf(req).accountId) }),
  );
}
