import { useTranslation } from 'react-i18next';
import { useClient } from '../session/client-context.js';
import { Avatar } from '../ui/avatar.js';
import { Button } from '../ui/button.js';
import { Screen } from '../ui/screen.js';

/** Placeholder home for a signed-in adult: chats and the guardian dashboard replace it. */
export function GrownUpHome() {
  const { t } = useTranslation();
  const { session, signOut } = useClient();
  const name = session?.displayName ?? '';
  return (
    <Screen title={t('grownUps.home.title', { name })}>
      <div className="kt-stack">
        <Avatar name={name} size="large" />
        <p>{t('grownUps.home.placeholder')}</p>
        <Button variant="secondary" onClick={() => void signOut()}>
          {t('grownUps.home.signOut')}
        </Button>
      </div>
    </Screen>
  );
}
