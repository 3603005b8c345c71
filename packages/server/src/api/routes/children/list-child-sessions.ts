import { ChildParams, SessionList } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { toSessionView } from '../me/session-view.js';
import { errors, secured } from '../responses.js';

export function registerListChildSessions(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/children/:childId/sessions',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['devices'],
        security: secured,
        params: ChildParams,
        response: { 200: SessionList, ...errors(401, 404) },
      },
    },
    async (req) => {
      await ctx.parental.assertGuardian(authOf(req), req.params.childId);
      const rows = await ctx.sessions.list(req.params.childId);
      return { sessions: rows.map((s) => toSessionView(s, null)) };
    },
  );
}
