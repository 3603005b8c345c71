import type { NotificationView } from '@kidtalk/protocol';
import { NOTIFICATION_KINDS } from '@kidtalk/protocol';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../session/client-context.js';
import { Button } from '../../ui/button.js';
import { useFormat } from '../format.js';
import { sortNotifications } from '../children/settings.js';
import { ActionResult, LoadView } from '../status.js';
import { useAction, useLoad } from '../use-load.js';

type Kind = (typeof NOTIFICATION_KINDS)[number];
const isKind = (k: string): k is Kind => (NOTIFICATION_KINDS as readonly string[]).includes(k);

/** The guardian's notices (P16): requests, reports and account events; each can be marked read. */
export function NotificationsCenter() {
  const { t } = useTranslation();
  const { client } = useClient();
  const format = useFormat();
  const action = useAction();
  const { loaded, reload } = useLoad(async () => {
    const [notifications, children] = await Promise.all([
      client.guardian.notifications(),
      client.guardian.children(),
    ]);
    const names = new Map(children.map((c) => [c.id, c.displayName]));
    return { notifications: sortNotifications(notifications), names };
  }, [client]);
  const text = (n: NotificationView, names: Map<string, string>) => {
    const child =
      (n.childId && names.get(n.childId)) ??
      (typeof n.data.displayName === 'string' ? n.data.displayName : undefined) ??
      t('grownUpScreens.notifications.someChild');
    return t(`grownUpScreens.notifications.kinds.${isKind(n.kind) ? n.kind : 'other'}`, { child });
  };
  return (
    <section className="kt-gu-section" aria-labelledby="notifications-title">
      <h2 id="notifications-title" className="kt-gu-h2">
        {t('grownUpScreens.notifications.title')}
      </h2>
      <ActionResult error={action.error} />
      <LoadView loaded={loaded} reload={reload}>
        {({ notifications, names }) =>
          notifications.length === 0 ? (
            <p>{t('grownUpScreens.notifications.empty')}</p>
          ) : (
            <ul
              className="kt-gu-list"
              data-testid="notifications"
              aria-labelledby="notifications-title"
            >
              {notifications.map((n) => (
                <li
                  key={n.id}
                  className={
                    n.readAt === null
                      ? 'kt-gu-card kt-gu-card--row kt-gu-card--unread'
                      : 'kt-gu-card kt-gu-card--row'
                  }
                  data-kind={n.kind}
                >
                  <span className="kt-gu-card__text">
                    <strong>
                      {n.readAt === null ? (
                        <span className="kt-gu-badge">
                          {t('grownUpScreens.notifications.unread')}
                        </span>
                      ) : null}{' '}
                      {text(n, names)}
                    </strong>
                    <span>{format.dateTime(n.createdAt)}</span>
                  </span>
                  {n.readAt === null ? (
                    <Button
                      variant="secondary"
                      disabled={action.busy}
                      onClick={() =>
                        void action.run(async () => {
                          await client.guardian.markRead(n.id);
                          reload();
                        })
                      }
                    >
                      {t('grownUpScreens.notifications.markRead')}
                    </Button>
                  ) : (
                    <span className="kt-field__hint">{t('grownUpScreens.notifications.read')}</span>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </LoadView>
    </section>
  );
}
