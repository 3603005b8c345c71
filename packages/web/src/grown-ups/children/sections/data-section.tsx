import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useClient } from '../../../session/client-context.js';
import { Button } from '../../../ui/button.js';
import { Screen } from '../../../ui/screen.js';
import { downloadJson } from '../../download.js';
import { ActionResult } from '../../status.js';
import { useAction } from '../../use-load.js';
import { useChild } from '../child-context.js';
import { exportFileName } from '../settings.js';

/** The guardian's rights over the child's data (P23, P24): download, correct, delete. */
export function DataSection() {
  const { t } = useTranslation();
  const { client } = useClient();
  const { child } = useChild();
  const navigate = useNavigate();
  const exporting = useAction();
  const deleting = useAction();
  const [confirming, setConfirming] = useState(false);
  const name = child.displayName;
  return (
    <Screen title={t('grownUpScreens.data.title', { name })} back>
      <section className="kt-gu-section" aria-labelledby="export-title">
        <h2 id="export-title" className="kt-gu-h2">
          {t('grownUpScreens.data.exportTitle')}
        </h2>
        <p>{t('grownUpScreens.data.exportIntro', { name })}</p>
        <ActionResult done={exporting.done} error={exporting.error} />
        <Button
          variant="secondary"
          busy={exporting.busy}
          data-testid="export-child"
          onClick={() =>
            void exporting.run(async () => {
              const data = await client.guardian.exportChild(child.id);
              downloadJson(exportFileName(child.publicId, new Date()), data);
              return t('grownUpScreens.data.exported');
            })
          }
        >
          {t('grownUpScreens.data.export')}
        </Button>
      </section>
      <section className="kt-gu-section" aria-labelledby="correct-title">
        <h2 id="correct-title" className="kt-gu-h2">
          {t('grownUpScreens.data.correctTitle')}
        </h2>
        <p>{t('grownUpScreens.data.correctIntro')}</p>
        <Link className="kt-button kt-button--secondary" to="../profile" relative="path">
          {t('grownUpScreens.data.correct')}
        </Link>
      </section>
      <section className="kt-gu-section" aria-labelledby="delete-title">
        <h2 id="delete-title" className="kt-gu-h2">
          {t('grownUpScreens.data.deleteTitle')}
        </h2>
        <p>{t('grownUpScreens.data.deleteIntro', { name })}</p>
        {confirming ? (
          <div className="kt-stack" role="group" aria-labelledby="delete-confirm">
            <p id="delete-confirm" className="kt-lead">
              {t('grownUpScreens.data.confirm', { name })}
            </p>
            <div className="kt-choice">
              <Button
                variant="choice"
                busy={deleting.busy}
                data-testid="delete-child-confirm"
                onClick={() =>
                  void deleting.run(
                    async () => {
                      await client.guardian.deleteChild(child.id);
                      void navigate('/grown-ups/children', {
                        state: { deleted: name },
                      });
                    },
                    { LEGAL_HOLD: t('grownUpScreens.data.legalHold') },
                  )
                }
              >
                {t('grownUpScreens.data.confirmYes')}
              </Button>
              <Button
                variant="choice"
                disabled={deleting.busy}
                data-testid="delete-child-cancel"
                onClick={() => setConfirming(false)}
              >
                {t('grownUpScreens.data.confirmNo')}
              </Button>
            </div>
          </div>
        ) : (
          <Button variant="danger" data-testid="delete-child" onClick={() => setConfirming(true)}>
            {t('grownUpScreens.data.delete', { name })}
          </Button>
        )}
        <ActionResult error={deleting.error} />
      </section>
    </Screen>
  );
}
