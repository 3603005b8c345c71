import { ChildParams, DataExport } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** A guardian downloads everything held about their child (P24). Guardians only. */
export function registerExportChild(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/children/:childId/export',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['data-rights'],
        security: secured,
        params: ChildParams,
        response: { 200: DataExport, ...errors(401, 404) },
      },
    },
    async (req, reply) => {
      await ctx.parental.assertGuardian(authOf(req), req.params.childId);
      reply.header('cache-control', 'no-store');
      return ctx.dataExport.export(req.params.childId);
    },
  );
}
