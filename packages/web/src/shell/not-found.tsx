import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Screen } from '../ui/screen.js';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Screen title={t('app.notFound')}>
      <Link className="kt-button kt-button--secondary" to="/">
        {t('app.backHome')}
      </Link>
    </Screen>
  );
}
