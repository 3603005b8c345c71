import { IdParams } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { notFound } from '../../../errors.js';
import { NotificationStore } from '../../../stores/notification-store.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

export function registerMarkNotificationRead(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/notifications/:id/read',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['notifications'],
        security: secured,
        params: IdParams,
        response: { 204: {}, ...errors(401, 404) },
      },
    },
    async (req, reply) => {
      const store = new NotificationStore(ctx.db.db);
      if (!(await store.markRead(authOf(req).accountId, req.params.id, ctx.clock.now()))) {
        throw notFound('notification');
      }
      return reply.status(204).send();
    },
  );
}
