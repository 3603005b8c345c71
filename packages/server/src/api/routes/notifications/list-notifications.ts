import { NotificationList } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { NotificationStore } from '../../../stores/notification-store.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

export function registerListNotifications(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/notifications',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['notifications'],
        security: secured,
        response: { 200: NotificationList, ...errors(401) },
      },
    },
    async (req) => {
      const rows = await new NotificationStore(ctx.db.db).list(authOf(req).accountId, 100);
      return {
        notifications: rows.map((r) => ({
          id: r.id,
          kind: r.kind,
          childId: r.child_id,
          data: JSON.parse(r.data) as Record<string, string | number | boolean>,
          createdAt: r.created_at,
          readAt: r.read_at,
        })),
      };
    },
  );
}
