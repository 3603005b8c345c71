import { isKidTalkError } from '@kidtalk/sdk';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, ChoiceButtons } from '../../ui/button.js';
import type { GrownUpCheckProps } from './grown-up-check.js';
import { useAccountApi } from './grown-up-check.js';

type Stage = 'closed' | 'confirm' | 'held';

/**
 * Delete my account (P23): what it means first, yes and no of equal weight, then the PIN for
 * 'account.delete'. Afterwards this device is signed out; the server has closed its session.
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
  const [stage, setStage] = useState<Stage>('closed');

  const confirmWithPin = () =>
    askGrownUp({
      action: 'account.delete',
      reason: t('kidScreens.account.deleteReason'),
      onElevated: async (token) => {
        try {
          await account.deleteChildAccount(token);
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
