import type { InputHTMLAttributes } from 'react';
import { useId } from 'react';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  hint?: string;
  error?: string;
}

/** A labelled input; the hint and the error are read out with it. */
export function TextField({ label, hint, error, className, ...rest }: TextFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={['kt-field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="kt-field__label">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="kt-field__hint">
          {hint}
        </p>
      ) : null}
      <input
        {...rest}
        id={id}
        className="kt-field__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
      />
      {error ? (
        <p id={errorId} className="kt-field__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
