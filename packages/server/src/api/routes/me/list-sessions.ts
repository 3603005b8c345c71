import { SessionList } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';
import { toSessionView } from './session-view.js';

export function registerListSessions(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/sessions',
    {
      preHandler: authenticate(ctx),
      schema: { tags: ['me'], security: secured, response: { 200: SessionList, ...errors(401) } },
    },
    async (req) => {
      const auth = authOf(req);
      const rows = await ctx.sessions.list(auth.accountId);
      return { sessions: rows.map((s) => toSessionView(s, auth.sessionId)) };
    },
  );
}
