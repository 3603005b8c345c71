import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes } from 'react-router';
import { ClientProvider, useClient } from '../session/client-context.js';
import { AppHeader } from '../shell/app-header.js';
import { Loading } from '../shell/loading.js';
import { NotFound } from '../shell/not-found.js';
import { grownUpScreens } from './routes.js';
import { GrownUpSignIn } from './sign-in.js';
import './grown-ups.css';

function GrownUpRoutes() {
  const { t } = useTranslation();
  const { session } = useClient();
  if (!session) {
    return (
      <main id="main" className="kt-main">
        <GrownUpSignIn />
      </main>
    );
  }
  const tabs = grownUpScreens.filter((s) => s.nav);
  return (
    <>
      <main id="main" className="kt-main">
        <Suspense fallback={<Loading />}>
          <Routes>
            {grownUpScreens.map((s) => (
              <Route key={s.path} path={s.path} element={s.element} />
            ))}
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </main>
      {tabs.length > 1 ? (
        <nav className="kt-tabs" aria-label={t('grownUps.nav.label')}>
          {tabs.map((s) =>
            s.nav ? (
              <NavLink key={s.path} to={`/grown-ups/${s.nav.to}`} end={s.nav.to === ''}>
                <span aria-hidden="true" className="kt-tabs__icon">
                  {s.nav.icon}
                </span>
                <span>{t(`grownUps.nav.${s.nav.label}`)}</span>
              </NavLink>
            ) : null,
          )}
        </nav>
      ) : null}
    </>
  );
}

/** The grown-ups' app under /grown-ups: adult chat and the guardian dashboard. */
export function GrownUpsApp() {
  const { t } = useTranslation();
  return (
    <div className="kt-app kt-mode-grown-ups">
      <AppHeader home="/grown-ups" label={t('grownUps.nav.label')} />
      <ClientProvider mode="grown-ups" fallback={<Loading main />}>
        <GrownUpRoutes />
      </ClientProvider>
    </div>
  );
}
