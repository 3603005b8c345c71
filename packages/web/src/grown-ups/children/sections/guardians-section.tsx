import type { FormEvent } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../../session/client-context.js';
import { Button } from '../../../ui/button.js';
import { Screen } from '../../../ui/screen.js';
import { TextField } from '../../../ui/text-field.js';
import { useFormat } from '../../format.js';
import { ActionResult, LoadView } from '../../status.js';
import { useAction, useLoad } from '../../use-load.js';
import { useChild } from '../child-context.js';

/** More than one guardian can manage a child (P16): see them and invite another by phone. */
export function GuardiansSection() {
  const { t } = useTranslation();
  const { client } = useClient();
  const { child } = useChild();
  const format = useFormat();
  const [phone, setPhone] = useState('');
  const action = useAction();
  const { loaded, reload } = useLoad(() => client.guardian.guardians(child.id), [client, child.id]);
  const invite = (e: FormEvent) => {
    e.preventDefault();
    void action.run(
      async () => {
        const sent = await client.guardian.inviteGuardian(child.id, phone.trim());
        setPhone('');
        return t('grownUpScreens.guardians.invited', { time: format.dateTime(sent.expiresAt) });
      },
      {
        INVALID_PHONE: t('grownUpScreens.guardians.phoneWrong'),
        INVALID_REQUEST: t('grownUpScreens.guardians.phoneWrong'),
        CONFLICT: t('grownUpScreens.guardians.conflict'),
      },
    );
  };
  return (
    <Screen title={t('grownUpScreens.guardians.title', { name: child.displayName })} back>
      <section className="kt-gu-section" aria-labelledby="guardians-title">
        <h2 id="guardians-title" className="kt-gu-h2">
          {t('grownUpScreens.guardians.listTitle')}
        </h2>
        <LoadView loaded={loaded} reload={reload}>
          {(guardians) => (
            <ul className="kt-gu-list">
              {guardians.map((g) => (
                <li key={g.id} className="kt-gu-card">
                  <span className="kt-gu-card__text">
                    <strong>{g.displayName}</strong>
                    <span>
                      {g.role === 'primary'
                        ? t('grownUpScreens.guardians.primary')
                        : t('grownUpScreens.guardians.guardian')}{' '}
                      {t('grownUpScreens.guardians.since', { time: format.date(g.since) })}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </LoadView>
      </section>
      <form className="kt-form" onSubmit={invite} noValidate>
        <h2 className="kt-gu-h2">{t('grownUpScreens.guardians.inviteTitle')}</h2>
        <p>{t('grownUpScreens.guardians.inviteIntro')}</p>
        <TextField
          label={t('grownUpScreens.guardians.phoneLabel')}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          data-testid="invite-phone"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
        />
        <ActionResult done={action.done} error={action.error} />
        <Button
          type="submit"
          busy={action.busy}
          disabled={phone.trim().length < 3}
          data-testid="invite-guardian"
        >
          {t('grownUpScreens.guardians.invite')}
        </Button>
      </form>
    </Screen>
  );
}
