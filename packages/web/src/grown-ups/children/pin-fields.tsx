import { useTranslation } from 'react-i18next';
import { TextField } from '../../ui/text-field.js';

/** The PIN twice; typed as a password so it is not shown over the guardian's shoulder. */
export function PinFields({
  pin,
  pinAgain,
  pinError,
  pinAgainError,
  onChange,
}: {
  pin: string;
  pinAgain: string;
  pinError?: string;
  pinAgainError?: string;
  onChange: (patch: { pin?: string; pinAgain?: string }) => void;
}) {
  const { t } = useTranslation();
  const digits = (v: string) => v.replace(/[^0-9]/g, '').slice(0, 4);
  return (
    <>
      <TextField
        label={t('grownUpScreens.create.pinLabel')}
        hint={t('grownUpScreens.create.pinHint')}
        error={pinError}
        name="pin"
        data-testid="pin"
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        maxLength={4}
        value={pin}
        onChange={(e) => onChange({ pin: digits(e.target.value) })}
        required
      />
      <TextField
        label={t('grownUpScreens.create.pinAgainLabel')}
        error={pinAgainError}
        name="pinAgain"
        data-testid="pin-again"
        type="password"
        inputMode="numeric"
        autoComplete="new-password"
        maxLength={4}
        value={pinAgain}
        onChange={(e) => onChange({ pinAgain: digits(e.target.value) })}
        required
      />
    </>
  );
}
