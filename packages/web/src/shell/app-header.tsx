import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LanguageSwitcher } from '../ui/language-switcher.js';

/** The banner on every page: the app's name (home link) and the language switcher. */
export function AppHeader({ home, label }: { home: string; label?: string }) {
  const { t } = useTranslation();
  return (
    <header className="kt-appbar">
      <Link to={home} className="kt-appbar__brand">
        <img src="/icons/icon.svg" alt="" width={32} height={32} />
        <span>{t('app.name')}</span>
        {label ? <span className="kt-appbar__mode">{label}</span> : null}
      </Link>
      <LanguageSwitcher />
    </header>
  );
}
