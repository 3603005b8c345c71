import type { ReportView } from '@kidtalk/protocol';
import { SafetyApi } from '@kidtalk/sdk';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../session/client-context.js';
import { Loading } from '../../shell/loading.js';
import { ErrorMessage } from '../../ui/error-message.js';
import { Screen } from '../../ui/screen.js';
import { ProfilePicture } from '../../ui/profile-picture.js';
import { useLoad } from '../friends/use-load.js';
import '../friends/kid-screens.css';
import { CATEGORY_PICTURES, isReportCategory } from './categories.js';
import { dueClock, formatDate } from './report-clock.js';

function ReportEntry({ report, now }: { report: ReportView; now: number }) {
  const { t, i18n } = useTranslation();
  const clock = dueClock(report.dueAt, now);
  const open = report.status === 'open';
  const category = isReportCategory(report.category) ? report.category : 'other';
  return (
    <li className="kt-ks-item kt-ks-item--column" data-testid={`report-${report.id}`}>
      {report.reported ? (
        <ProfilePicture name={report.reported.displayName} avatar={report.reported.avatar} />
      ) : (
        <span className="kt-ks-tile__picture" aria-hidden="true">
          {CATEGORY_PICTURES[category]}
        </span>
      )}
      <span className="kt-ks-item__text">
        <span className="kt-ks-item__name">
          {report.reported
            ? t('kidScreens.reports.about', { name: report.reported.displayName })
            : t('kidScreens.reports.aboutGone')}
        </span>
        <span>
          <span aria-hidden="true">{CATEGORY_PICTURES[category]} </span>
          {t(`kidScreens.categories.${category}`)}
        </span>
        <span className="kt-ks-item__meta">
          {t('kidScreens.reports.made', { date: formatDate(report.createdAt, i18n.language) })}
        </span>
        <span>
          <span className="kt-ks-badge" data-testid="report-status">
            {t(`kidScreens.reports.status.${report.status}`)}
          </span>{' '}
          {report.blocked ? (
            <span className="kt-ks-badge">{t('kidScreens.reports.blocked')}</span>
          ) : null}
        </span>
        {open ? (
          <span data-testid="report-clock">
            {t('kidScreens.reports.due', { date: formatDate(report.dueAt, i18n.language) })}
            {' · '}
            {clock.overdue
              ? t('kidScreens.reports.overdue')
              : t('kidScreens.reports.daysLeft', { count: clock.daysLeft })}
          </span>
        ) : report.resolvedAt !== null ? (
          <span className="kt-ks-item__meta">
            {t('kidScreens.reports.resolved', {
              date: formatDate(report.resolvedAt, i18n.language),
            })}
          </span>
        ) : null}
      </span>
    </li>
  );
}

/** "My reports": each report's status and its 15-day clock (P27). */
export function MyReports() {
  const { t } = useTranslation();
  const { client, session } = useClient();
  const [load] = useLoad(
    async () => ({ reports: await new SafetyApi(client.http).reports(), now: Date.now() }),
    session?.accountId ?? '',
  );
  return (
    <Screen title={t('kidScreens.reports.title')} back>
      {load.state === 'loading' ? <Loading /> : null}
      {load.state === 'failed' ? <ErrorMessage error={load.error} /> : null}
      {load.state === 'ready' ? (
        load.data.reports.length === 0 ? (
          <p>{t('kidScreens.reports.none')}</p>
        ) : (
          <ul className="kt-ks-list" data-testid="report-list">
            {[...load.data.reports]
              .sort((a, b) => b.createdAt - a.createdAt)
              .map((r) => (
                <ReportEntry key={r.id} report={r} now={load.data.now} />
              ))}
          </ul>
        )
      ) : null}
    </Screen>
  );
}
