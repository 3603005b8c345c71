import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button.js';
import { useFormat } from '../format.js';
import { ActionResult, LoadView } from '../status.js';
import { useAction, useLoad } from '../use-load.js';
import type { Account } from './use-account.js';

/** Where this adult is signed in; any other device can be signed out from here. */
export function OwnSessions({ account }: { account: Account }) {
  const { t } = useTranslation();
  const format = useFormat();
  const revoke = useAction();
  const { loaded, reload } = useLoad(() => account.api.sessions(), [account]);
  return (
    <section className="kt-gu-section" aria-labelledby="own-sessions-title">
      <h2 id="own-sessions-title" className="kt-gu-h2">
        {t('grownUpScreens.account.sessionsTitle')}
      </h2>
      <p>{t('grownUpScreens.account.sessionsIntro')}</p>
      <ActionResult done={revoke.done} error={revoke.error} />
      <LoadView loaded={loaded} reload={reload}>
        {(sessions) => (
          <ul className="kt-gu-list" data-testid="own-sessions">
            {sessions.map((s) => (
              <li key={s.id} className="kt-gu-card kt-gu-card--row" data-current={s.current}>
                <span className="kt-gu-card__text">
                  <strong>
                    {t('grownUpScreens.devices.device', { os: s.device.os, model: s.device.model })}
                    {s.current ? ` · ${t('grownUpScreens.account.thisDevice')}` : ''}
                  </strong>
                  <span>
                    {t('grownUpScreens.devices.details', {
                      created: format.dateTime(s.createdAt),
                      used: format.dateTime(s.lastUsedAt),
                    })}
                  </span>
                </span>
                {s.current ? null : (
                  <Button
                    variant="secondary"
                    disabled={revoke.busy}
                    data-testid={`revoke-own-session-${s.id}`}
                    onClick={() =>
                      void revoke.run(async () => {
                        await account.api.revokeSession(s.id);
                        reload();
                        return t('grownUpScreens.account.sessionEnded');
                      })
                    }
                  >
                    {t('grownUpScreens.account.endSession')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </LoadView>
    </section>
  );
}
