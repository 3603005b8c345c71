import { useTranslation } from 'react-i18next';
import { useClient } from '../../../session/client-context.js';
import { Screen } from '../../../ui/screen.js';
import { useFormat } from '../../format.js';
import { LoadView } from '../../status.js';
import { useLoad } from '../../use-load.js';
import { useChild } from '../child-context.js';

/** Who the child talks with and how often (P7): never what is said. */
export function ConversationsSection() {
  const { t } = useTranslation();
  const { client } = useClient();
  const { child } = useChild();
  const format = useFormat();
  const { loaded, reload } = useLoad(
    () => client.guardian.conversations(child.id),
    [client, child.id],
  );
  return (
    <Screen title={t('grownUpScreens.conversations.title', { name: child.displayName })} back>
      <p>{t('grownUpScreens.conversations.intro', { name: child.displayName })}</p>
      <LoadView loaded={loaded} reload={reload}>
        {(conversations) =>
          conversations.length === 0 ? (
            <p>{t('grownUpScreens.conversations.none')}</p>
          ) : (
            <ul className="kt-gu-list" data-testid="child-conversations">
              {conversations.map((c) => (
                <li key={c.id} className="kt-gu-card">
                  <span className="kt-gu-card__text">
                    <strong>
                      {c.kind === 'group'
                        ? t('grownUpScreens.conversations.group')
                        : t('grownUpScreens.conversations.direct')}
                    </strong>
                    <span>
                      {t('grownUpScreens.conversations.started', {
                        time: format.date(c.createdAt),
                      })}
                    </span>
                  </span>
                  <ul className="kt-gu-members">
                    {c.members
                      .filter((m) => m.publicId !== child.publicId)
                      .map((m) => (
                        <li key={m.publicId}>
                          <span>
                            {t('grownUpScreens.conversations.member', {
                              name: m.displayName,
                              id: m.publicId,
                            })}
                          </span>
                          {m.interactions ? (
                            <span className="kt-field__hint">
                              {t('grownUpScreens.contacts.counts', {
                                sent: m.interactions.messagesSent,
                                received: m.interactions.messagesReceived,
                                made: m.interactions.callsMade,
                                taken: m.interactions.callsReceived,
                              })}
                            </span>
                          ) : null}
                        </li>
                      ))}
                  </ul>
                </li>
              ))}
            </ul>
          )
        }
      </LoadView>
    </Screen>
  );
}
