import type { SupportRequestView } from '@kidtalk/protocol';
import { SUPPORT_BODY_MAX } from '@kidtalk/protocol';
import { SafetyApi } from '@kidtalk/sdk';
import type { FormEvent } from 'react';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../session/client-context.js';
import { Loading } from '../../shell/loading.js';
import { Button } from '../../ui/button.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Screen } from '../../ui/screen.js';
import { TextField } from '../../ui/text-field.js';
import '../friends/kid-screens.css';
import { useLoad } from '../friends/use-load.js';
import { dueClock, formatDate } from '../report/report-clock.js';
import { contactEmail } from './contact-email.js';

function RequestEntry({ request, now }: { request: SupportRequestView; now: number }) {
  const { t, i18n } = useTranslation();
  const clock = dueClock(request.dueAt, now);
  return (
    <li className="kt-ks-item kt-ks-item--column" data-testid={`support-${request.id}`}>
      <span className="kt-ks-item__text">
        <span className="kt-ks-item__meta">
          {t('kidScreens.reports.made', { date: formatDate(request.createdAt, i18n.language) })}
        </span>
        <span>
          <span className="kt-ks-badge" data-testid="support-status">
            {t(`kidScreens.help.status.${request.status}`)}
          </span>
        </span>
        {request.status === 'open' ? (
          <span data-testid="support-due">
            {t('kidScreens.help.due', { date: formatDate(request.dueAt, i18n.language) })}
            {clock.overdue
              ? null
              : ` · ${t('kidScreens.reports.daysLeft', { count: clock.daysLeft })}`}
          </span>
        ) : null}
      </span>
    </li>
  );
}

/** Feedback and help (P10, P33): write to support; each request shows its status and due date. */
export function HelpScreen() {
  const { t, i18n } = useTranslation();
  const { client, session } = useClient();
  const safety = useMemo(() => new SafetyApi(client.http), [client]);
  const [load, reload] = useLoad(
    async () => ({ requests: await safety.supportRequests(), now: Date.now() }),
    session?.accountId ?? '',
  );
  const [body, setBody] = useState('');
  const [email, setEmail] = useState('');
  const [emailError, setEmailError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [sent, setSent] = useState<SupportRequestView>();
  const bodyId = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setEmailError(undefined);
    setError(undefined);
    const mail = contactEmail(email);
    if (!mail.ok) return setEmailError(t('kidScreens.help.emailWrong'));
    const text = body.trim();
    if (!text) return;
    setBusy(true);
    try {
      const view = await safety.support({
        body: text,
        ...(mail.email && { contactEmail: mail.email }),
      });
      setSent(view);
      setBody('');
      setEmail('');
      reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={t('kidScreens.help.title')} back>
      <div className="kt-stack">
        <p className="kt-lead">{t('kidScreens.help.intro')}</p>
        <form className="kt-form kt-stack" onSubmit={(e) => void submit(e)} data-testid="help-form">
          <div className="kt-field">
            <label htmlFor={bodyId} className="kt-field__label">
              {t('kidScreens.help.bodyLabel')}
            </label>
            <textarea
              id={bodyId}
              className="kt-ks-textarea"
              value={body}
              required
              maxLength={SUPPORT_BODY_MAX}
              onChange={(e) => setBody(e.target.value)}
              data-testid="help-body"
            />
          </div>
          <TextField
            label={t('kidScreens.help.emailLabel')}
            type="email"
            autoComplete="email"
            value={email}
            error={emailError}
            onChange={(e) => setEmail(e.target.value)}
            data-testid="help-email"
          />
          <Button
            type="submit"
            icon="✉️"
            busy={busy}
            disabled={body.trim() === ''}
            data-testid="help-submit"
          >
            {t('kidScreens.help.send')}
          </Button>
        </form>
        <ErrorMessage error={error} />
        {sent ? (
          <p className="kt-ks-note" role="status" data-testid="help-sent">
            {t('kidScreens.help.sent', { date: formatDate(sent.dueAt, i18n.language) })}
          </p>
        ) : null}
        <p>{t('kidScreens.help.unsafe')}</p>
        <section className="kt-ks-section" aria-labelledby="kt-ks-help-requests">
          <h2 id="kt-ks-help-requests">{t('kidScreens.help.requests')}</h2>
          {load.state === 'loading' ? <Loading /> : null}
          {load.state === 'failed' ? <ErrorMessage error={load.error} /> : null}
          {load.state === 'ready' ? (
            load.data.requests.length === 0 ? (
              <p>{t('kidScreens.help.none')}</p>
            ) : (
              <ul className="kt-ks-list" data-testid="support-list">
                {[...load.data.requests]
                  .sort((a, b) => b.createdAt - a.createdAt)
                  .map((r) => (
                    <RequestEntry key={r.id} request={r} now={load.data.now} />
                  ))}
              </ul>
            )
          ) : null}
        </section>
      </div>
    </Screen>
  );
}
