import type { ReactNode } from 'react';
import { Suspense } from 'react';
import { NavLink, Route, Routes } from 'react-router';
import type { AppMode } from '../session/client-context.js';
import { ClientProvider, useClient } from '../session/client-context.js';
import { AppHeader } from '../shell/app-header.js';
import { Loading } from '../shell/loading.js';
import { NotFound } from '../shell/not-found.js';

/** One screen of an app: `path` is relative to the app's home; `nav` gives it a tab. */
export interface ShellScreen<L extends string = string> {
  path: string;
  element: ReactNode;
  nav?: { label: L; icon: string; to: string };
}

export interface AppShellProps<L extends string> {
  /** Which session this app keeps on the device; also names its look (`kt-mode-<mode>`). */
  mode: AppMode;
  /** Where the app lives, e.g. `/kid`; the brand links there and tabs are under it. */
  home: string;
  /** The app's name beside the brand, and the name of its tab bar. */
  label: string;
  screens: readonly ShellScreen<L>[];
  tabLabel: (label: L) => string;
  /** Shown instead of every screen until someone signs in on this device. */
  signIn: ReactNode;
}

function ShellRoutes<L extends string>({
  home,
  label,
  screens,
  tabLabel,
  signIn,
}: Omit<AppShellProps<L>, 'mode'>) {
  const { session } = useClient();
  if (!session) {
    return (
      <main id="main" className="kt-main">
        {signIn}
      </main>
    );
  }
  const tabs = screens.filter((s) => s.nav);
  return (
    <>
      <main id="main" className="kt-main">
        <Suspense fallback={<Loading />}>
          <Routes>
            {screens.map((s) => (
              <Route key={s.path} path={s.path} element={s.element} />
            ))}
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Suspense>
      </main>
      {tabs.length > 1 ? (
        <nav className="kt-tabs" aria-label={label}>
          {tabs.map((s) =>
            s.nav ? (
              <NavLink key={s.path} to={`${home}/${s.nav.to}`} end={s.nav.to === ''}>
                <span aria-hidden="true" className="kt-tabs__icon">
                  {s.nav.icon}
                </span>
                <span>{tabLabel(s.nav.label)}</span>
              </NavLink>
            ) : null,
          )}
        </nav>
      ) : null}
    </>
  );
}

/**
 * What the kids' and the grown-ups' apps share: the header, the app's own session (sign-in
 * until there is one), its screens and the tab bar of those with `nav`.
 */
export function AppShell<L extends string>({ mode, ...rest }: AppShellProps<L>) {
  return (
    <div className={`kt-app kt-mode-${mode}`}>
      <AppHeader home={rest.home} label={rest.label} />
      <ClientProvider mode={mode} fallback={<Loading main />}>
        <ShellRoutes {...rest} />
      </ClientProvider>
    </div>
  );
}
