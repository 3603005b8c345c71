import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes } from 'react-router';
import { ClientProvider, useClient } from '../session/client-context.js';
import { AppHeader } from '../shell/app-header.js';
import { Loading } from '../shell/loading.js';
import { NotFound } from '../shell/not-found.js';
import { kidScreens } from './routes.js';
import { KidSignIn } from './sign-in.js';

function KidRoutes() {
  const { t } = useTranslation();
  const { session } = useClient();
  if (!session) {
    return (
      <main id="main" className="kt-main">
        <KidSignIn />
      </main>
    );
  }
  const tabs = kidScreens.filter((s) => s.nav);
  return (
    <>
      <main id="main" className="kt-main">
        <Suspense fallback={<Loading />}>
          <Routes>
            {kidScreens.map((s) => (
              <Route key={s.path} path={s.path} element={s.element} />
            ))}
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </main>
      {tabs.length > 1 ? (
        <nav className="kt-tabs" aria-label={t('kid.nav.label')}>
          {tabs.map((s) =>
            s.nav ? (
              <NavLink key={s.path} to={`/kid/${s.nav.to}`} end={s.nav.to === ''}>
                <span aria-hidden="true" className="kt-tabs__icon">
                  {s.nav.icon}
                </span>
                <span>{t(`kid.nav.${s.nav.label}`)}</span>
              </NavLink>
            ) : null,
          )}
        </nav>
      ) : null}
    </>
  );
}

/** The kids' app under /kid: touch first, big targets (the `kt-mode-kid` styles). */
export function KidApp() {
  const { t } = useTranslation();
  return (
    <div className="kt-app kt-mode-kid">
      <AppHeader home="/kid" label={t('kid.nav.label')} />
      <ClientProvider mode="kid" fallback={<Loading main />}>
        <KidRoutes />
      </ClientProvider>
    </div>
  );
}
