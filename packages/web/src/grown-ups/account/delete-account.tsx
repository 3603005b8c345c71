import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useClient } from '../../session/client-context.js';
import { Button } from '../../ui/button.js';
import { ActionResult } from '../status.js';
import { useAction } from '../use-load.js';
import type { Account } from './use-account.js';

/**
 * Deleting the adult's own account (P23), behind a yes/no of equal weight. The server refuses
 * while the adult is a child's only guardian (409 SOLE_GUARDIAN): this says what to do instead.
 */
export function DeleteAccount({ account }: { account: Account }) {
  const { t } = useTranslation();
  const { client, signOut } = useClient();
  const [confirming, setConfirming] = useState(false);
  const [soleGuardian, setSoleGuardian] = useState(false);
  const deleting = useAction();
  const remove = () =>
    void deleting.run(
      async () => {
        setSoleGuardian(false);
        try {
          await account.api.deleteMe();
        } catch (err) {
          if ((err as { code?: string } | null)?.code === 'SOLE_GUARDIAN') {
            setSoleGuardian(true);
            setConfirming(false);
          }
          throw err;
        }
        // The session died with the account: wipe the device (P23), then back to sign-in.
        await client.wipeLocal();
        await signOut();
      },
      {
        SOLE_GUARDIAN: t('grownUpScreens.account.soleGuardian'),
        LEGAL_HOLD: t('grownUpScreens.account.legalHold'),
      },
    );
  return (
    <section className="kt-gu-section" aria-labelledby="delete-me-title">
      <h2 id="delete-me-title" className="kt-gu-h2">
        {t('grownUpScreens.account.deleteTitle')}
      </h2>
      <p>{t('grownUpScreens.account.deleteIntro')}</p>
      {confirming ? (
        <div className="kt-stack" role="group" aria-labelledby="delete-me-confirm">
          <p id="delete-me-confirm" className="kt-lead">
            {t('grownUpScreens.account.confirm')}
          </p>
          <div className="kt-choice">
            <Button
              variant="choice"
              busy={deleting.busy}
              data-testid="delete-me-confirm"
              onClick={remove}
            >
              {t('grownUpScreens.account.confirmYes')}
            </Button>
            <Button
              variant="choice"
              disabled={deleting.busy}
              data-testid="delete-me-cancel"
              onClick={() => setConfirming(false)}
            >
              {t('grownUpScreens.account.confirmNo')}
            </Button>
          </div>
        </div>
      ) : (
        <Button variant="danger" data-testid="delete-me" onClick={() => setConfirming(true)}>
          {t('grownUpScreens.account.delete')}
        </Button>
      )}
      <ActionResult error={deleting.error} />
      {soleGuardian ? (
        <Link className="kt-button kt-button--secondary" to="/grown-ups/children">
          {t('grownUpScreens.account.toChildren')}
        </Link>
      ) : null}
    </section>
  );
}
