import { useTranslation } from 'react-i18next';
import { useClient } from '../../session/client-context.js';
import { Button } from '../../ui/button.js';
import { Screen } from '../../ui/screen.js';
import { exportFileName } from '../children/settings.js';
import { downloadJson } from '../download.js';
import { ActionResult, LoadView } from '../status.js';
import { useAction } from '../use-load.js';
import { DeleteAccount } from './delete-account.js';
import { OwnProfile } from './own-profile.js';
import { OwnSessions } from './own-sessions.js';
import { useAccount } from './use-account.js';

/** The adult's own account (P23, P24): profile, devices, sign-out, download, deletion. */
export function AccountScreen() {
  const { t } = useTranslation();
  const { signOut } = useClient();
  const { loaded, reload, account } = useAccount();
  const exporting = useAction();
  const leaving = useAction();
  return (
    <Screen title={t('grownUpScreens.account.title')}>
      <LoadView loaded={loaded} reload={reload}>
        {(profile) => (
          <>
            <OwnProfile key={profile.id} profile={profile} account={account} />
            <OwnSessions account={account} />
            <section className="kt-gu-section" aria-labelledby="sign-out-title">
              <h2 id="sign-out-title" className="kt-gu-h2">
                {t('grownUpScreens.account.signOutTitle')}
              </h2>
              <p>{t('grownUpScreens.account.signOutIntro')}</p>
              <ActionResult error={leaving.error} />
              <Button
                variant="secondary"
                busy={leaving.busy}
                data-testid="sign-out"
                onClick={() => void leaving.run(() => signOut())}
              >
                {t('grownUpScreens.common.signOut')}
              </Button>
            </section>
            <section className="kt-gu-section" aria-labelledby="export-me-title">
              <h2 id="export-me-title" className="kt-gu-h2">
                {t('grownUpScreens.account.exportTitle')}
              </h2>
              <p>{t('grownUpScreens.account.exportIntro')}</p>
              <ActionResult done={exporting.done} error={exporting.error} />
              <Button
                variant="secondary"
                busy={exporting.busy}
                data-testid="export-me"
                onClick={() =>
                  void exporting.run(async () => {
                    const data = await account.api.exportMe();
                    downloadJson(exportFileName(profile.publicId, new Date()), data);
                    return t('grownUpScreens.data.exported');
                  })
                }
              >
                {t('grownUpScreens.data.export')}
              </Button>
            </section>
            <DeleteAccount account={account} />
          </>
        )}
      </LoadView>
    </Screen>
  );
}
