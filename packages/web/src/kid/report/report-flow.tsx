import type { ReportView } from '@kidtalk/protocol';
import type { ReceivedMessage } from '@kidtalk/sdk';
import { isKidTalkError, reportEvidence, SafetyApi } from '@kidtalk/sdk';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useClient } from '../../session/client-context.js';
import { Loading } from '../../shell/loading.js';
import { Button } from '../../ui/button.js';
import { errorKey, ErrorMessage } from '../../ui/error-message.js';
import { Screen } from '../../ui/screen.js';
import { findPerson } from '../friends/contact-settings.js';
import { useLoad } from '../friends/use-load.js';
import type { ReportCategory } from './categories.js';
import { CATEGORY_PICTURES, REPORT_CATEGORIES } from './categories.js';
import { EVIDENCE_MAX_ITEMS, evidenceKey, reportableMessages, toggleEvidence } from './evidence.js';
import { MessageSummary } from './message-summary.js';
import { formatDate } from './report-clock.js';

interface Subject {
  publicId: string;
  displayName: string;
  /** Unknown when there is no conversation with them on the server. */
  accountId: string | undefined;
  messages: ReceivedMessage[];
  blocked: boolean;
}

/** The person and their messages this device stored as received (with franking data). */
async function loadSubject(
  client: ReturnType<typeof useClient>['client'],
  publicId: string,
): Promise<Subject | undefined> {
  const person = await findPerson(client.contacts, publicId);
  if (!person) return undefined;
  const conversations = await client.conversations.list();
  let accountId: string | undefined;
  const messages: ReceivedMessage[] = [];
  for (const conv of conversations) {
    const member = conv.members.find((m) => m.publicId === publicId);
    if (!member || conv.kind !== 'direct') continue;
    accountId = member.accountId;
    messages.push(...reportableMessages(await client.messages(conv.id), member.accountId));
  }
  return {
    publicId,
    displayName: person.displayName,
    accountId,
    messages: messages.sort((a, b) => b.serverTime - a.serverTime),
    blocked: person.blocked,
  };
}

type Step = 'type' | 'evidence' | 'block';

/**
 * Report and block (P13, P26, P27): what happened, which messages show it (sent as franked
 * evidence the server verifies), whether to block too (yes and no weigh the same), then a
 * confirmation with the date the report will be answered by.
 */
export function ReportFlow() {
  const { t, i18n } = useTranslation();
  const { client } = useClient();
  const { publicId = '' } = useParams();
  const [load] = useLoad(() => loadSubject(client, publicId), publicId);
  const [step, setStep] = useState<Step>('type');
  const [category, setCategory] = useState<ReportCategory>();
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [tooMany, setTooMany] = useState(false);
  const [note, setNote] = useState('');
  const [block, setBlock] = useState<boolean>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [filed, setFiled] = useState<ReportView>();
  const noteId = useId();
  const groupName = useId();

  if (load.state === 'loading') return <Loading />;
  const subject = load.state === 'ready' ? load.data : undefined;
  if (!subject) {
    return (
      <Screen title={t('kidScreens.friends.title')} back>
        <ErrorMessage
          error={load.state === 'failed' ? load.error : t('kidScreens.contact.notFound')}
        />
      </Screen>
    );
  }
  const name = subject.displayName;
  const title = t('kidScreens.report.title', { name });

  if (filed) {
    return (
      <Screen title={t('kidScreens.report.doneTitle')}>
        <div className="kt-stack" data-testid="report-done">
          <p className="kt-lead" aria-hidden="true">
            💚
          </p>
          <p>{t('kidScreens.report.done', { date: formatDate(filed.dueAt, i18n.language) })}</p>
          {filed.blocked ? <p>{t('kidScreens.report.doneBlocked', { name })}</p> : null}
          <Link className="kt-button kt-button--primary" to="/kid/reports">
            <span>{t('kidScreens.report.myReports')}</span>
          </Link>
        </div>
      </Screen>
    );
  }

  if (subject.messages.length === 0 || !subject.accountId) {
    return (
      <Screen title={title} back>
        <div className="kt-stack">
          <p>{t('kidScreens.report.noMessages', { name })}</p>
          <Link className="kt-button kt-button--secondary" to={`/kid/friends/${publicId}`}>
            <span>{t('kidScreens.contact.block', { name })}</span>
          </Link>
          <Link className="kt-button kt-button--secondary" to="/kid/help">
            <span>{t('kidScreens.help.title')}</span>
          </Link>
        </div>
      </Screen>
    );
  }
  const accountId = subject.accountId;

  const submit = async () => {
    if (!category || block === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      const evidence = subject.messages
        .filter((m) => picked.has(evidenceKey(m)))
        .map(reportEvidence);
      const trimmed = note.trim();
      setFiled(
        await new SafetyApi(client.http).report({
          accountId,
          category,
          evidence,
          block,
          ...(trimmed && { note: trimmed }),
        }),
      );
    } catch (err) {
      setError(
        isKidTalkError(err) && err.code === 'EVIDENCE_INVALID'
          ? t('kidScreens.report.evidenceFailed')
          : t(errorKey(err)),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Screen title={title} back>
      <div className="kt-stack">
        {step === 'type' ? (
          <fieldset className="kt-ks-section" data-testid="report-categories">
            <legend className="kt-lead">{t('kidScreens.report.stepType')}</legend>
            <div className="kt-ks-grid">
              {REPORT_CATEGORIES.map((c) => (
                <label key={c} className="kt-ks-tile">
                  <input
                    type="radio"
                    name={groupName}
                    value={c}
                    checked={category === c}
                    onChange={() => setCategory(c)}
                    data-testid={`report-category-${c}`}
                  />
                  <span className="kt-ks-tile__picture" aria-hidden="true">
                    {CATEGORY_PICTURES[c]}
                  </span>
                  <span>{t(`kidScreens.categories.${c}`)}</span>
                </label>
              ))}
            </div>
            <Button
              disabled={!category}
              onClick={() => setStep('evidence')}
              data-testid="report-next"
            >
              {t('kidScreens.report.next')}
            </Button>
          </fieldset>
        ) : null}

        {step === 'evidence' ? (
          <fieldset className="kt-ks-section" data-testid="report-evidence">
            <legend className="kt-lead">{t('kidScreens.report.stepEvidence')}</legend>
            <p>{t('kidScreens.report.stepEvidenceHint', { name, max: EVIDENCE_MAX_ITEMS })}</p>
            <ul className="kt-ks-list">
              {subject.messages.map((m) => {
                const key = evidenceKey(m);
                return (
                  <li key={key}>
                    <label className="kt-ks-check">
                      <input
                        type="checkbox"
                        checked={picked.has(key)}
                        onChange={() => {
                          const next = toggleEvidence(picked, key);
                          setTooMany(next === picked && !picked.has(key));
                          setPicked(next);
                        }}
                        data-testid={`evidence-${m.clientMsgId}`}
                      />
                      <MessageSummary message={m} />
                    </label>
                  </li>
                );
              })}
            </ul>
            <p aria-live="polite">
              {t('kidScreens.report.selected', { count: picked.size, max: EVIDENCE_MAX_ITEMS })}
            </p>
            {tooMany ? (
              <p className="kt-error" role="alert">
                {t('kidScreens.report.tooMany', { max: EVIDENCE_MAX_ITEMS })}
              </p>
            ) : null}
            <div className="kt-field">
              <label htmlFor={noteId} className="kt-field__label">
                {t('kidScreens.report.noteLabel')}
              </label>
              <textarea
                id={noteId}
                className="kt-ks-textarea"
                value={note}
                maxLength={1000}
                onChange={(e) => setNote(e.target.value)}
                data-testid="report-note"
              />
            </div>
            <Button
              disabled={picked.size === 0}
              onClick={() => setStep('block')}
              data-testid="report-next"
            >
              {t('kidScreens.report.next')}
            </Button>
          </fieldset>
        ) : null}

        {step === 'block' ? (
          <fieldset className="kt-ks-section" data-testid="report-block">
            <legend className="kt-lead">{t('kidScreens.report.stepBlock', { name })}</legend>
            <p>{t('kidScreens.report.stepBlockHint', { name })}</p>
            <div className="kt-choice">
              {[true, false].map((value) => (
                <label key={String(value)} className="kt-ks-tile">
                  <input
                    type="radio"
                    name={`${groupName}-block`}
                    checked={block === value}
                    onChange={() => setBlock(value)}
                    data-testid={value ? 'report-block-yes' : 'report-block-no'}
                  />
                  <span className="kt-ks-tile__picture" aria-hidden="true">
                    {value ? '🚫' : '💬'}
                  </span>
                  <span>
                    {value ? t('kidScreens.report.blockYes') : t('kidScreens.report.blockNo')}
                  </span>
                </label>
              ))}
            </div>
            {error ? (
              <p className="kt-error" role="alert">
                {error}
              </p>
            ) : null}
            <Button
              icon="📨"
              disabled={block === undefined}
              busy={busy}
              onClick={() => void submit()}
              data-testid="report-submit"
            >
              {t('kidScreens.report.submit')}
            </Button>
          </fieldset>
        ) : null}
      </div>
    </Screen>
  );
}
