import { useTranslation } from 'react-i18next';
import { useClient } from '../session/client-context.js';
import { Avatar } from '../ui/avatar.js';
import { Screen } from '../ui/screen.js';

/** Placeholder home for a signed-in child: the chats list replaces it. */
export function KidHome() {
  const { t } = useTranslation();
  const { session } = useClient();
  const name = session?.displayName ?? '';
  return (
    <Screen title={t('kid.home.title', { name })}>
      <div className="kt-stack kt-center">
        <Avatar name={name} size="large" />
        <p className="kt-lead">{t('kid.home.placeholder')}</p>
      </div>
    </Screen>
  );
}
