import { isKidTalkError } from '@kidtalk/sdk';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../session/client-context.js';
import { Button, ChoiceButtons } from '../../ui/button.js';
import type { GrownUpCheckProps } from './grown-up-check.js';
import { useAccountApi } from './grown-up-check.js';

type Stage = 'closed' | 'confirm' | 'held';

/**
 * Delete my account (P23): what it means first, yes and no of equal weight, then the PIN for
 * 'account.delete'. Afterwards everything of the account is wiped from this device at once; the
 * "deleted" screen's button only returns to sign-in.
 */
export function DeleteAccount({
  askGrownUp,
  onDeleted,
}: {
  askGrownUp: (check: GrownUpCheckProps | undefined) => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const account = useAccountApi();
  const { client } = useClient();
  const [stage, setStage] = useState<Stage>('closed');

  const confirmWithPin = () =>
    askGrownUp({
      action: 'account.delete',
      reason: t('kidScreens.account.deleteReason'),
      onElevated: async (token) => {
        try {
          await account.deleteChildAccount(token);
          // Nothing of the account may stay on the device, even if the tab is closed now.
          await client.wipeLocal();
          askGrownUp(undefined);
          onDeleted();
        } catch (err) {
          if (!(isKidTalkError(err) && err.code === 'LEGAL_HOLD')) throw err;
          askGrownUp(undefined);
          setStage('held');
        }
      },
    });

  return (
    <section className="kt-ks-section" aria-labelledby="kt-ks-delete" data-testid="account-delete">
      <h2 id="kt-ks-delete">{t('kidScreens.account.delete')}</h2>
      {stage === 'closed' ? (
        <Button
          variant="danger"
          icon="🗑️"
          onClick={() => setStage('confirm')}
          data-testid="account-delete-start"
        >
          {t('kidScreens.account.delete')}
        </Button>
      ) : null}
      {stage === 'confirm' ? (
        <div className="kt-stack" data-testid="account-delete-confirm">
          <p className="kt-lead">{t('kidScreens.account.deleteTitle')}</p>
          <p>{t('kidScreens.account.deleteWhat')}</p>
          <p>{t('kidScreens.account.deleteKeep')}</p>
          <ChoiceButtons
            yesLabel={t('kidScreens.account.deleteYes')}
            noLabel={t('kidScreens.account.deleteNo')}
            onYes={confirmWithPin}
            onNo={() => setStage('closed')}
          />
        </div>
      ) : null}
      {stage === 'held' ? (
        <p className="kt-error" role="alert">
          {t('kidScreens.account.legalHold')}
        </p>
      ) : null}
    </section>
  );
}
