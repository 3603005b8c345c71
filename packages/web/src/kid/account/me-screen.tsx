import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useClient } from '../../session/client-context.js';
import { Screen } from '../../ui/screen.js';
import '../friends/kid-screens.css';

const ENTRIES = [
  ['reports', '/kid/reports', '🚩'],
  ['help', '/kid/help', '💌'],
  ['grownUpsSee', '/kid/grown-ups-can-see', '👀'],
  ['account', '/kid/account', '🔑'],
] as const;

/** "Me": my reports, help, what my grown-ups can see, and the account behind the PIN. */
export function MeScreen() {
  const { t } = useTranslation();
  const { session } = useClient();
  return (
    <Screen title={t('kidScreens.me.title')}>
      <div className="kt-stack">
        {session ? (
          <p className="kt-lead">
            {session.displayName}
            <br />
            <span className="kt-ks-id">
              {t('kidScreens.friends.publicId', { id: session.publicId })}
            </span>
          </p>
        ) : null}
        <nav className="kt-ks-grid" aria-label={t('kidScreens.me.title')}>
          {ENTRIES.map(([key, to, picture]) => (
            <Link key={key} className="kt-ks-tile" to={to} data-testid={`me-${key}`}>
              <span className="kt-ks-tile__picture" aria-hidden="true">
                {picture}
              </span>
              <span>{t(`kidScreens.me.${key}`)}</span>
            </Link>
          ))}
        </nav>
      </div>
    </Screen>
  );
}
