import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button.js';

/**
 * An optional detail (P5) with "add" and "skip" side by side, the same size and colour: the
 * form never leans towards collecting more. The input shows only once "add" is chosen.
 */
export function OptionalField({
  id,
  title,
  added,
  onAdd,
  onSkip,
  children,
}: {
  /** Names the test hooks: add-<id>, skip-<id>. */
  id: string;
  title: string;
  added: boolean;
  onAdd: () => void;
  onSkip: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="kt-gu-optional" role="group" aria-labelledby={`optional-${id}`}>
      <p id={`optional-${id}`} className="kt-field__label">
        {title}
      </p>
      <div className="kt-choice">
        <Button
          variant="choice"
          aria-pressed={added}
          data-testid={`add-${id}`}
          aria-label={`${t('grownUpScreens.common.add')}: ${title}`}
          onClick={onAdd}
        >
          {t('grownUpScreens.common.add')}
        </Button>
        <Button
          variant="choice"
          aria-pressed={!added}
          data-testid={`skip-${id}`}
          aria-label={`${t('grownUpScreens.common.skip')}: ${title}`}
          onClick={onSkip}
        >
          {t('grownUpScreens.common.skip')}
        </Button>
      </div>
      {added ? children : <p className="kt-field__hint">{t('grownUpScreens.common.skipped')}</p>}
    </div>
  );
}
