import { useTranslation } from 'react-i18next';
import { useClient } from '../../../session/client-context.js';
import { OnOff } from '../../../ui/on-off.js';
import { Screen } from '../../../ui/screen.js';
import { useFormat } from '../../format.js';
import { ActionResult, LoadView } from '../../status.js';
import { useAction, useLoad } from '../../use-load.js';
import { useChild } from '../child-context.js';
import { CHILD_CONSENTS, consentGranted } from '../settings.js';

/** View and change consents at any time (P25); with no record, the answer is no. */
export function ConsentsSection() {
  const { t } = useTranslation();
  const { client } = useClient();
  const { child } = useChild();
  const format = useFormat();
  const action = useAction();
  const { loaded, reload, set } = useLoad(async () => {
    const [consents, policy] = await Promise.all([
      client.guardian.consents(),
      client.guardian.policy(),
    ]);
    return { consents, policy };
  }, [client]);
  return (
    <Screen title={t('grownUpScreens.consents.title', { name: child.displayName })} back>
      <p>{t('grownUpScreens.consents.intro')}</p>
      <LoadView loaded={loaded} reload={reload}>
        {({ consents, policy }) => {
          const account = consents.find(
            (c) => c.purpose === 'child_account' && c.childId === child.id,
          );
          return (
            <>
              {CHILD_CONSENTS.map((purpose) => (
                <OnOff
                  key={purpose}
                  label={t(`grownUpScreens.consents.${purpose}`)}
                  help={t(`grownUpScreens.consents.${purpose}Help`)}
                  value={consentGranted(consents, child.id, purpose)}
                  onLabel={t('grownUpScreens.common.on')}
                  offLabel={t('grownUpScreens.common.off')}
                  disabled={action.busy}
                  testId={`consent-${purpose}`}
                  onChange={(granted) =>
                    action.run(async () => {
                      const given = await client.guardian.giveConsent({
                        purpose,
                        granted,
                        policyVersion: policy.version,
                        childId: child.id,
                      });
                      set({ consents: [...consents, given], policy });
                      return t('grownUpScreens.consents.saved');
                    })
                  }
                />
              ))}
              {account ? (
                <p className="kt-field__hint">
                  {t('grownUpScreens.consents.account', {
                    time: format.date(account.createdAt),
                    version: account.policyVersion,
                  })}
                </p>
              ) : null}
            </>
          );
        }}
      </LoadView>
      <ActionResult done={action.done} error={action.error} />
    </Screen>
  );
}
