import { useTranslation } from 'react-i18next';

type AppErrorKey = 'app.errorNetwork' | 'app.errorRateLimited' | 'app.errorGeneric';

/** The generic message for an SDK error, for codes a screen does not explain itself. */
export function errorKey(err: unknown): AppErrorKey {
  const code = (err as { code?: unknown } | null)?.code;
  if (code === 'NETWORK') return 'app.errorNetwork';
  if (code === 'RATE_LIMITED') return 'app.errorRateLimited';
  return 'app.errorGeneric';
}

export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="kt-error" role="alert">
      {typeof error === 'string' ? error : t(errorKey(error))}
    </p>
  );
}
