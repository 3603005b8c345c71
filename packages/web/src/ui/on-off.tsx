import { useId, useState } from 'react';
import './on-off.css';

export interface OnOffProps {
  /** What is being switched: the group's accessible name. */
  label: string;
  help?: string;
  value: boolean;
  onLabel: string;
  offLabel: string;
  /** May return a promise: the choice shows at once and reverts if `value` did not follow. */
  onChange: (value: boolean) => Promise<unknown> | void;
  disabled?: boolean;
  /** A stable hook for browser tests on the group. */
  testId?: string;
}

/**
 * An on/off setting as two radio buttons of the same size and colour: neither answer is
 * nudged, and the current state is plain to see and to hear (issue 5, item 9).
 */
export function OnOff({
  label,
  help,
  value,
  onLabel,
  offLabel,
  onChange,
  disabled,
  testId,
}: OnOffProps) {
  const name = useId();
  const [pending, setPending] = useState<boolean>();
  const shown = pending ?? value;
  const choose = (v: boolean) => {
    setPending(v);
    void Promise.resolve(onChange(v)).finally(() => setPending(undefined));
  };
  const helpId = help ? `${name}-help` : undefined;
  return (
    <fieldset className="kt-onoff" aria-describedby={helpId} data-testid={testId}>
      <legend className="kt-onoff__legend">{label}</legend>
      {help ? (
        <p id={helpId} className="kt-field__hint">
          {help}
        </p>
      ) : null}
      <div className="kt-onoff__options">
        {[
          { v: true, text: onLabel },
          { v: false, text: offLabel },
        ].map(({ v, text }) => (
          <label key={String(v)} className="kt-onoff__option">
            <input
              type="radio"
              name={name}
              checked={shown === v}
              disabled={disabled}
              onChange={() => choose(v)}
            />
            <span>{text}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
