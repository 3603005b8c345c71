import { REPORT_CATEGORIES } from '@kidtalk/protocol';
import type { ReportCategory } from '@kidtalk/protocol';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../../session/client-context.js';
import { Screen } from '../../../ui/screen.js';
import { useFormat } from '../../format.js';
import { LoadView } from '../../status.js';
import { useLoad } from '../../use-load.js';
import { useChild } from '../child-context.js';

const isCategory = (c: string): c is ReportCategory =>
  (REPORT_CATEGORIES as readonly string[]).includes(c);

/** The child's reports, their status and the 15-day clock (P16, P27). */
export function ReportsSection() {
  const { t } = useTranslation();
  const { client } = useClient();
  const { child } = useChild();
  const format = useFormat();
  const { loaded, reload } = useLoad(() => client.guardian.reports(child.id), [client, child.id]);
  return (
    <Screen title={t('grownUpScreens.reports.title', { name: child.displayName })} back>
      <p>{t('grownUpScreens.reports.intro', { name: child.displayName })}</p>
      <LoadView loaded={loaded} reload={reload}>
        {(reports) =>
          reports.length === 0 ? (
            <p>{t('grownUpScreens.reports.none')}</p>
          ) : (
            <ul className="kt-gu-list" data-testid="child-reports">
              {reports.map((r) => (
                <li key={r.id} className="kt-gu-card">
                  <span className="kt-gu-card__text">
                    <strong>
                      {t(
                        `grownUpScreens.reports.categories.${isCategory(r.category) ? r.category : 'other'}`,
                      )}
                      {' · '}
                      {t(`grownUpScreens.reports.status.${r.status}`)}
                    </strong>
                    <span>
                      {r.reported
                        ? t('grownUpScreens.reports.about', { other: r.reported.displayName })
                        : t('grownUpScreens.reports.aboutGone')}
                    </span>
                    <span>
                      {t('grownUpScreens.reports.made', { time: format.dateTime(r.createdAt) })}
                    </span>
                    <span>
                      {r.resolvedAt === null
                        ? t('grownUpScreens.reports.due', { time: format.dateTime(r.dueAt) })
                        : t('grownUpScreens.reports.resolved', {
                            time: format.dateTime(r.resolvedAt),
                          })}
                    </span>
                    {r.blocked ? <span>{t('grownUpScreens.reports.blocked')}</span> : null}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </LoadView>
    </Screen>
  );
}
