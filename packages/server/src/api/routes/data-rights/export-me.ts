import { DataExport } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';
import { forbiddenForChild } from './forbidden-for-child.js';

/**
 * An adult downloads their own data (P24); a child's export is their guardians' to take.
 */
export function registerExportMe(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/me/export',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['data-rights'],
        security: secured,
        response: { 200: DataExport, ...errors(401, 403) },
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      if (auth.kind !== 'adult') throw forbiddenForChild();
      reply.header('cache-control', 'no-store');
      return ctx.dataExport.export(auth.accountId);
    },
  );
}
