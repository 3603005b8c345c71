import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useClient } from '../../session/client-context.js';
import { Button } from '../../ui/button.js';
import { Screen } from '../../ui/screen.js';
import { ActionResult, LoadView } from '../status.js';
import { useAction, useLoad } from '../use-load.js';
import type { ChildForm, ChildFormErrors } from './child-form.js';
import { childFormErrors, emptyChildForm, toCreateBody } from './child-form.js';
import { PinFields } from './pin-fields.js';
import { ProfileFields } from './profile-fields.js';

/**
 * Consent first: the guardian agrees to the policy, which records a consent; the account is
 * then created with that consent, which the server spends in the same transaction.
 */
export function CreateChild() {
  const { t } = useTranslation();
  const { client } = useClient();
  const navigate = useNavigate();
  const checkId = useId();
  const { loaded, reload } = useLoad(() => client.guardian.policy(), [client]);
  const [agreed, setAgreed] = useState(false);
  const [consentId, setConsentId] = useState<string>();
  const [form, setForm] = useState<ChildForm>(emptyChildForm);
  const [errors, setErrors] = useState<ChildFormErrors>({});
  const action = useAction();

  const giveConsent = (version: string) =>
    void action.run(async () => {
      const consent = await client.guardian.giveConsent({
        purpose: 'child_account',
        granted: true,
        policyVersion: version,
      });
      setConsentId(consent.id);
    });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!consentId) return;
    const found = childFormErrors(form, new Date());
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    void action.run(
      async () => {
        try {
          const child = await client.guardian.createChild(toCreateBody(form, consentId));
          void navigate(`../${child.id}/devices`, {
            relative: 'path',
            replace: true,
            state: { created: true },
          });
        } catch (err) {
          if ((err as { code?: string }).code === 'CONSENT_REQUIRED') {
            setConsentId(undefined);
            setAgreed(false);
          }
          throw err;
        }
      },
      {
        WEAK_PIN: t('grownUpScreens.common.weakPin'),
        CONSENT_REQUIRED: t('grownUpScreens.create.consentExpired'),
      },
    );
  };

  return (
    <Screen title={t('grownUpScreens.create.title')} back>
      <LoadView loaded={loaded} reload={reload}>
        {(policy) =>
          !consentId ? (
            <form
              className="kt-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (agreed) giveConsent(policy.version);
              }}
            >
              <h2 className="kt-gu-h2">{t('grownUpScreens.create.consentTitle')}</h2>
              <p>{t('grownUpScreens.create.consentIntro')}</p>
              <p>
                <a href={policy.url} target="_blank" rel="noreferrer">
                  {t('grownUpScreens.create.policy', { version: policy.version })}
                </a>
              </p>
              <div className="kt-gu-check">
                <input
                  id={checkId}
                  type="checkbox"
                  data-testid="consent-child-account"
                  checked={agreed}
                  onChange={(e) => setAgreed(e.target.checked)}
                />
                <label htmlFor={checkId}>{t('grownUpScreens.create.consentCheck')}</label>
              </div>
              <ActionResult error={action.error} />
              <Button type="submit" disabled={!agreed} busy={action.busy}>
                {t('grownUpScreens.create.continue')}
              </Button>
            </form>
          ) : (
            <form className="kt-form" onSubmit={submit} noValidate>
              <h2 className="kt-gu-h2">{t('grownUpScreens.create.profileTitle')}</h2>
              <p className="kt-gu-note">{t('grownUpScreens.create.protective')}</p>
              <ProfileFields
                form={form}
                errors={errors}
                onChange={(patch) => setForm((f) => ({ ...f, ...patch }))}
              />
              <h2 className="kt-gu-h2">{t('grownUpScreens.create.pinTitle')}</h2>
              <PinFields
                pin={form.pin}
                pinAgain={form.pinAgain}
                pinError={errors.pin && t(`grownUpScreens.errors.${errors.pin}`)}
                pinAgainError={errors.pinAgain && t(`grownUpScreens.errors.${errors.pinAgain}`)}
                onChange={(patch) => setForm((f) => ({ ...f, ...patch }))}
              />
              <ActionResult error={action.error} />
              <Button type="submit" busy={action.busy} data-testid="create-child-submit">
                {t('grownUpScreens.create.submit')}
              </Button>
            </form>
          )
        }
      </LoadView>
    </Screen>
  );
}
