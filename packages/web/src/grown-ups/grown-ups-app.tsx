import { useTranslation } from 'react-i18next';
import { AppShell } from '../ui/app-shell.js';
import { grownUpScreens } from './routes.js';
import { GrownUpSignIn } from './sign-in.js';
import './grown-ups.css';

/** The grown-ups' app under /grown-ups: adult chat and the guardian dashboard. */
export function GrownUpsApp() {
  const { t } = useTranslation();
  return (
    <AppShell
      mode="grown-ups"
      home="/grown-ups"
      label={t('grownUps.nav.label')}
      screens={grownUpScreens}
      tabLabel={(label) => t(`grownUps.nav.${label}`)}
      signIn={<GrownUpSignIn />}
    />
  );
}
