import { useTranslation } from 'react-i18next';
import type { PinPadProps } from './pin-pad.js';
import { PinPad } from './pin-pad.js';
import { Screen } from './screen.js';

/** The kids' app hands the device to a grown-up: why, then the PIN pad. */
export function GrownUpNeeded({ reason, ...pad }: PinPadProps & { reason?: string }) {
  const { t } = useTranslation();
  return (
    <Screen title={t('kid.grownUpNeeded.title')} back>
      <div className="kt-grown-up-needed">
        <p className="kt-lead">{reason ?? t('kid.grownUpNeeded.intro')}</p>
        <PinPad {...pad} />
      </div>
    </Screen>
  );
}
