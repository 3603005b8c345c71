import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

export interface ScreenProps {
  title: string;
  /** Shows a back button that goes one step back in history. */
  back?: boolean;
  actions?: ReactNode;
  children: ReactNode;
}

// The first screen of a visit is not focused: the page load already announced it, and a focus
// ring on a heading nobody moved to looks like a bug.
let firstScreen = true;

/**
 * One screen: a header with its title (the page's h1) and the content. The title is focused
 * when the screen opens, so screen reader users hear where they are after a route change.
 */
export function Screen({ title, back, actions, children }: ScreenProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
    if (firstScreen) firstScreen = false;
    else heading.current?.focus();
  }, [title, t]);
  return (
    <section className="kt-screen" aria-labelledby="kt-screen-title">
      <header className="kt-screen__header">
        {back ? (
          <button
            type="button"
            className="kt-icon-button"
            onClick={() => void navigate(-1)}
            aria-label={t('app.back')}
          >
            <span aria-hidden="true">←</span>
          </button>
        ) : null}
        <h1 id="kt-screen-title" ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions ? <div className="kt-screen__actions">{actions}</div> : null}
      </header>
      <div className="kt-screen__body">{children}</div>
    </section>
  );
}
