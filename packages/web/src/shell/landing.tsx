import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Screen } from '../ui/screen.js';
import { AppHeader } from './app-header.js';

/** The start page: a kid or a grown-up. Both choices look the same (no nudge). */
export function Landing() {
  const { t } = useTranslation();
  return (
    <div className="kt-app">
      <AppHeader home="/" />
      <main id="main" className="kt-main">
        <Screen title={t('landing.title')}>
          <p className="kt-lead">{t('landing.intro')}</p>
          <ul className="kt-landing">
            <li>
              <Link to="/kid" className="kt-landing__choice">
                <span aria-hidden="true" className="kt-landing__icon">
                  🧒
                </span>
                <span className="kt-landing__title">{t('landing.kid')}</span>
                <span className="kt-landing__hint">{t('landing.kidHint')}</span>
              </Link>
            </li>
            <li>
              <Link to="/grown-ups" className="kt-landing__choice">
                <span aria-hidden="true" className="kt-landing__icon">
                  🧑
                </span>
                <span className="kt-landing__title">{t('landing.grownUp')}</span>
                <span className="kt-landing__hint">{t('landing.grownUpHint')}</span>
              </Link>
            </li>
          </ul>
        </Screen>
      </main>
    </div>
  );
}
