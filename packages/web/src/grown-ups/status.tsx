import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../shell/loading.js';
import { Button } from '../ui/button.js';
import { ErrorMessage } from '../ui/error-message.js';
import type { Loaded } from './use-load.js';

/** Loading, a failure with a retry, or the content. */
export function LoadView<T>({
  loaded,
  reload,
  children,
}: {
  loaded: Loaded<T>;
  reload: () => void;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'failed') {
    return (
      <div className="kt-stack">
        <ErrorMessage error={loaded.error} />
        <Button variant="secondary" onClick={reload}>
          {t('grownUpScreens.common.retry')}
        </Button>
      </div>
    );
  }
  return <>{children(loaded.data)}</>;
}

/** What came of an action: a polite status when it worked, an alert when it did not. */
export function ActionResult({ done, error }: { done?: string; error?: string }) {
  return (
    <>
      <p className="kt-gu-done" role="status">
        {done ?? ''}
      </p>
      {error ? (
        <p className="kt-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
