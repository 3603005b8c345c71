import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../../session/client-context.js';
import { Button } from '../../../ui/button.js';
import { Screen } from '../../../ui/screen.js';
import { ActionResult } from '../../status.js';
import { useAction } from '../../use-load.js';
import { useChild } from '../child-context.js';
import { pinError } from '../child-form.js';
import { PinFields } from '../pin-fields.js';
import { PinLock } from '../pin-lock.js';

/**
 * Set or change the parental PIN (P6), and see and lift a lock after wrong tries: only ever
 * from a guardian's own session.
 */
export function PinSection() {
  const { t } = useTranslation();
  const { client } = useClient();
  const { child, reload } = useChild();
  const [pin, setPin] = useState({ pin: '', pinAgain: '' });
  const [error, setError] = useState<ReturnType<typeof pinError>>();
  const action = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = pinError(pin.pin, pin.pinAgain);
    setError(found);
    if (found) return;
    void action.run(
      async () => {
        await client.guardian.setPin(child.id, pin.pin);
        setPin({ pin: '', pinAgain: '' });
        reload();
        return t('grownUpScreens.pin.saved');
      },
      { WEAK_PIN: t('grownUpScreens.common.weakPin') },
    );
  };
  return (
    <Screen title={t('grownUpScreens.pin.title', { name: child.displayName })} back>
      {child.hasPin ? <PinLock /> : null}
      <form className="kt-form" onSubmit={submit} noValidate>
        <p>{child.hasPin ? t('grownUpScreens.pin.isSet') : t('grownUpScreens.pin.notSet')}</p>
        <p>{t('grownUpScreens.pin.intro')}</p>
        <PinFields
          pin={pin.pin}
          pinAgain={pin.pinAgain}
          pinError={error === 'pinShape' ? t('grownUpScreens.errors.pinShape') : undefined}
          pinAgainError={
            error === 'pinMismatch' ? t('grownUpScreens.errors.pinMismatch') : undefined
          }
          onChange={(patch) => setPin((p) => ({ ...p, ...patch }))}
        />
        <ActionResult done={action.done} error={action.error} />
        <Button type="submit" busy={action.busy} data-testid="set-pin">
          {t('grownUpScreens.pin.submit')}
        </Button>
      </form>
    </Screen>
  );
}
