import type { SessionView } from '@kidtalk/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../shell/loading.js';
import { Button } from '../../ui/button.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { useLoad } from '../friends/use-load.js';
import { formatDateTime } from '../report/report-clock.js';
import { useAccountApi } from './grown-up-check.js';

/** The devices signed in to this account; the others can be signed out from here. */
export function Devices() {
  const { t, i18n } = useTranslation();
  const account = useAccountApi();
  const [load, reload] = useLoad(() => account.sessions(), 'sessions');
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);

  const signOut = async (sessions: SessionView[], key: string) => {
    setBusy(key);
    setError(undefined);
    setDone(false);
    try {
      for (const s of sessions) await account.revokeSession(s.id);
      setDone(true);
      reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(undefined);
    }
  };

  const label = (s: SessionView) =>
    s.current
      ? t('kidScreens.account.thisDevice')
      : t('kidScreens.account.device', { os: s.device.os, model: s.device.model });

  return (
    <section
      className="kt-ks-section"
      aria-labelledby="kt-ks-devices"
      data-testid="account-devices"
    >
      <h2 id="kt-ks-devices">{t('kidScreens.account.devices')}</h2>
      {load.state === 'loading' ? <Loading /> : null}
      {load.state === 'failed' ? <ErrorMessage error={load.error} /> : null}
      {load.state === 'ready' ? (
        <>
          <ul className="kt-ks-list">
            {load.data.map((s) => (
              <li key={s.id} className="kt-ks-item kt-ks-item--column">
                <span aria-hidden="true" className="kt-ks-tile__picture">
                  {s.device.model === 'Phone' ? '📱' : '💻'}
                </span>
                <span className="kt-ks-item__text">
                  <span className="kt-ks-item__name">{label(s)}</span>
                  {s.current ? (
                    <span className="kt-ks-item__meta">
                      {t('kidScreens.account.device', { os: s.device.os, model: s.device.model })}
                    </span>
                  ) : null}
                  <span className="kt-ks-item__meta">
                    {t('kidScreens.account.lastUsed', {
                      date: formatDateTime(s.lastUsedAt, i18n.language),
                    })}
                  </span>
                </span>
                {s.current ? null : (
                  <Button
                    variant="secondary"
                    busy={busy === s.id}
                    onClick={() => void signOut([s], s.id)}
                    data-testid={`device-sign-out-${s.id}`}
                  >
                    {t('kidScreens.account.signOut', { device: label(s) })}
                  </Button>
                )}
              </li>
            ))}
          </ul>
          {load.data.some((s) => !s.current) ? (
            <Button
              variant="secondary"
              icon="🚪"
              busy={busy === 'all'}
              onClick={() =>
                void signOut(
                  load.data.filter((s) => !s.current),
                  'all',
                )
              }
              data-testid="account-sign-out-others"
            >
              {t('kidScreens.account.signOutOthers')}
            </Button>
          ) : (
            <p>{t('kidScreens.account.noOthers')}</p>
          )}
        </>
      ) : null}
      <ErrorMessage error={error} />
      {done ? (
        <p className="kt-ks-note" role="status">
          {t('kidScreens.account.signedOut')}
        </p>
      ) : null}
    </section>
  );
}
