import { useTranslation } from 'react-i18next';
import { AppShell } from '../ui/app-shell.js';
import { kidScreens } from './routes.js';
import { KidSignIn } from './sign-in.js';

/** The kids' app under /kid: touch first, big targets (the `kt-mode-kid` styles). */
export function KidApp() {
  const { t } = useTranslation();
  return (
    <AppShell
      mode="kid"
      home="/kid"
      label={t('kid.nav.label')}
      screens={kidScreens}
      tabLabel={(label) => t(`kid.nav.${label}`)}
      signIn={<KidSignIn />}
    />
  );
}
