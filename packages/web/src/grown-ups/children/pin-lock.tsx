import type { PinStatus } from '@kidtalk/protocol';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../session/client-context.js';
import { Button } from '../../ui/button.js';
import { TextField } from '../../ui/text-field.js';
import { useFormat } from '../format.js';
import { ActionResult, LoadView } from '../status.js';
import { useAction, useLoad } from '../use-load.js';
import { useChild } from './child-context.js';

/** After ten wrong PINs: a code to this guardian's own phone proves it is them unlocking. */
function SmsUnlock({ onUnlocked }: { onUnlocked: () => void }) {
  const { t } = useTranslation();
  const { client } = useClient();
  const { child } = useChild();
  const [sent, setSent] = useState(false);
  const [code, setCode] = useState('');
  const sending = useAction();
  const unlocking = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void unlocking.run(
      async () => {
        await client.guardian.unlockPin(child.id, code);
        setCode('');
        onUnlocked();
      },
      {
        CODE_INVALID: t('grownUpScreens.pinLock.codeWrong'),
        CODE_EXPIRED: t('grownUpScreens.pinLock.codeWrong'),
        INVALID_REQUEST: t('grownUpScreens.pinLock.codeShape'),
      },
    );
  };
  return (
    <div className="kt-stack">
      <ActionResult done={sending.done} error={sending.error} />
      <Button
        variant="secondary"
        busy={sending.busy}
        data-testid="pin-unlock-send-code"
        onClick={() =>
          void sending.run(async () => {
            await client.guardian.requestPinUnlockCode();
            setSent(true);
            return t('grownUpScreens.pinLock.codeSent');
          })
        }
      >
        {sent ? t('grownUpScreens.pinLock.sendAgain') : t('grownUpScreens.pinLock.sendCode')}
      </Button>
      {sent ? (
        <form className="kt-form" onSubmit={submit} noValidate>
          <TextField
            label={t('grownUpScreens.pinLock.codeLabel')}
            name="unlock-code"
            data-testid="pin-unlock-code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/[^0-9]/g, '').slice(0, 6))}
            required
          />
          <ActionResult error={unlocking.error} />
          <Button type="submit" busy={unlocking.busy} data-testid="pin-unlock-with-code">
            {t('grownUpScreens.pinLock.unlock')}
          </Button>
        </form>
      ) : null}
    </div>
  );
}

function StatusText({ status }: { status: PinStatus }) {
  const { t } = useTranslation();
  const format = useFormat();
  switch (status.state) {
    case 'unset':
      return <p>{t('grownUpScreens.pin.notSet')}</p>;
    case 'ok':
      return <p>{t('grownUpScreens.pinLock.ok')}</p>;
    case 'locked':
      return (
        <p className="kt-lead">
          {status.lockedUntil === null
            ? t('grownUpScreens.pinLock.lockedNow')
            : t('grownUpScreens.pinLock.locked', { time: format.dateTime(status.lockedUntil) })}
        </p>
      );
    case 'reverify':
      return <p className="kt-lead">{t('grownUpScreens.pinLock.reverify')}</p>;
  }
}

/**
 * Whether the child's PIN is locked after wrong tries (P6), and the guardian's way to unlock
 * it from here: at once for a 15-minute lock, with an SMS code after ten wrong tries.
 */
export function PinLock() {
  const { t } = useTranslation();
  const { client } = useClient();
  const { child } = useChild();
  const unlocking = useAction();
  const [unlockedBySms, setUnlockedBySms] = useState(false);
  // `child` is a new object whenever the dashboard reloads it, e.g. after a new PIN is set.
  const { loaded, reload } = useLoad(() => client.guardian.pinStatus(child.id), [client, child]);
  return (
    <section className="kt-gu-section" aria-labelledby="pin-lock-title">
      <h2 id="pin-lock-title" className="kt-gu-h2">
        {t('grownUpScreens.pinLock.title')}
      </h2>
      <LoadView loaded={loaded} reload={reload}>
        {(status) => (
          <div className="kt-stack" data-testid="pin-state" data-state={status.state}>
            <StatusText status={status} />
            <ActionResult
              done={unlockedBySms ? t('grownUpScreens.pinLock.unlocked') : unlocking.done}
              error={unlocking.error}
            />
            {status.state === 'locked' ? (
              <Button
                variant="secondary"
                busy={unlocking.busy}
                data-testid="pin-unlock"
                onClick={() =>
                  void unlocking.run(
                    async () => {
                      setUnlockedBySms(false);
                      await client.guardian.unlockPin(child.id);
                      reload();
                      return t('grownUpScreens.pinLock.unlocked');
                    },
                    { PIN_REVERIFY_REQUIRED: t('grownUpScreens.pinLock.reverify') },
                  )
                }
              >
                {t('grownUpScreens.pinLock.unlock')}
              </Button>
            ) : null}
            {status.state === 'reverify' ? (
              <SmsUnlock
                onUnlocked={() => {
                  setUnlockedBySms(true);
                  reload();
                }}
              />
            ) : null}
            {status.state === 'locked' || status.state === 'reverify' ? (
              <p>{t('grownUpScreens.pinLock.orNewPin')}</p>
            ) : null}
          </div>
        )}
      </LoadView>
    </section>
  );
}
