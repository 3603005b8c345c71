import { useTranslation } from 'react-i18next';

/** `main` when nothing else on the page is the main landmark yet. */
export function Loading({ main = false }: { main?: boolean }) {
  const { t } = useTranslation();
  const content = (
    <p className="kt-loading" role="status">
      {t('app.loading')}
    </p>
  );
  return main ? (
    <main id="main" className="kt-main">
      {content}
    </main>
  ) : (
    content
  );
}
