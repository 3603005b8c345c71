import type { ButtonHTMLAttributes, ReactNode } from 'react';

export type ButtonVariant = 'primary' | 'secondary' | 'choice' | 'danger' | 'link';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  /** A picture beside the words (decorative: the words carry the meaning). */
  icon?: ReactNode;
  busy?: boolean;
}

export function Button({
  variant = 'primary',
  icon,
  busy = false,
  className,
  children,
  type = 'button',
  disabled,
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      className={['kt-button', `kt-button--${variant}`, className].filter(Boolean).join(' ')}
    >
      {icon ? (
        <span className="kt-button__icon" aria-hidden="true">
          {icon}
        </span>
      ) : null}
      <span>{children}</span>
    </button>
  );
}

export interface ChoiceButtonsProps {
  yesLabel: string;
  noLabel: string;
  onYes: () => void;
  onNo: () => void;
  disabled?: boolean;
}

/**
 * A yes/no choice with no nudge: both answers have the same size, colour and weight, and
 * neither is focused or selected first (issue 5, item 9).
 */
export function ChoiceButtons({ yesLabel, noLabel, onYes, onNo, disabled }: ChoiceButtonsProps) {
  return (
    <div className="kt-choice" role="group">
      <Button variant="choice" onClick={onYes} disabled={disabled}>
        {yesLabel}
      </Button>
      <Button variant="choice" onClick={onNo} disabled={disabled}>
        {noLabel}
      </Button>
    </div>
  );
}
