import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './button.js';

export interface PinPadProps {
  /** The server's parental PIN has 4 digits. */
  length?: number;
  /** Called with the whole PIN; the pad clears itself when the promise settles. */
  onSubmit: (pin: string) => Promise<void> | void;
  error?: string;
  disabled?: boolean;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '', '0', 'del'] as const;

/**
 * The "grown-up needed" PIN entry: big keys for touch, and the number keys of a keyboard work
 * too. Digits are never shown, only how many were typed.
 */
export function PinPad({ length = 4, onSubmit, error, disabled }: PinPadProps) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (value: string) => {
    setBusy(true);
    try {
      await onSubmit(value);
    } finally {
      setBusy(false);
      setPin('');
    }
  };
  const press = (key: string) => {
    if (busy || disabled) return;
    if (key === 'del') return setPin((p) => p.slice(0, -1));
    if (pin.length >= length) return;
    const next = pin + key;
    setPin(next);
    if (next.length === length) void submit(next);
  };

  return (
    <div
      className="kt-pinpad"
      role="group"
      aria-label={t('ui.pin.label')}
      onKeyDown={(e) => {
        if (/^[0-9]$/.test(e.key)) press(e.key);
        else if (e.key === 'Backspace') press('del');
      }}
    >
      <div className="kt-pinpad__dots" aria-live="polite">
        <span className="kt-visually-hidden">
          {t('ui.pin.entered', { count: pin.length, length })}
        </span>
        {Array.from({ length }, (_, i) => (
          <span
            key={i}
            aria-hidden="true"
            className={i < pin.length ? 'kt-pinpad__dot kt-pinpad__dot--on' : 'kt-pinpad__dot'}
          />
        ))}
      </div>
      {error ? (
        <p className="kt-field__error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="kt-pinpad__keys">
        {KEYS.map((key, i) =>
          key === '' ? (
            <span key={i} />
          ) : (
            <Button
              key={i}
              variant="secondary"
              className="kt-pinpad__key"
              disabled={busy || disabled}
              onClick={() => press(key)}
              aria-label={key === 'del' ? t('ui.pin.delete') : t('ui.pin.digit', { digit: key })}
            >
              {key === 'del' ? '⌫' : key}
            </Button>
          ),
        )}
      </div>
    </div>
  );
}
