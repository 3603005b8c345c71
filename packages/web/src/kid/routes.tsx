import type { ReactNode } from 'react';
import { lazy } from 'react';
import type { en } from '../i18n/en.js';
import { KidHome } from './home.js';

// The kids' screens beyond chats, each its own chunk (kid/friends, report, help, account).
const Friends = lazy(() =>
  import('./friends/friends-routes.js').then((m) => ({ default: m.FriendsRoutes })),
);
const Me = lazy(() => import('./account/me-screen.js').then((m) => ({ default: m.MeScreen })));
const MyReports = lazy(() =>
  import('./report/my-reports.js').then((m) => ({ default: m.MyReports })),
);
const Help = lazy(() => import('./help/help-screen.js').then((m) => ({ default: m.HelpScreen })));
const AboutGrownUps = lazy(() =>
  import('./about-grown-ups/about-grown-ups-screen.js').then((m) => ({
    default: m.AboutGrownUpsScreen,
  })),
);
const Account = lazy(() =>
  import('./account/account-screen.js').then((m) => ({ default: m.AccountScreen })),
);

const Chats = lazy(() =>
  import('./chats/chats-screen.js').then((m) => ({ default: m.ChatsScreen })),
);

/**
 * The kids' app screens: the one place to add one. `path` is relative to /kid. Screens with
 * `nav` get a tab in the bottom bar (keep it to four or five). Import heavy screens with
 * React.lazy so they stay out of the first download:
 *
 *   const Chats = lazy(() => import('./chats/chats-screen.js').then((m) => ({ default: m.ChatsScreen })));
 *   { path: 'chats/*', element: <Chats />, nav: { label: 'chats', icon: '💬', to: 'chats' } },
 */
export interface KidScreen {
  path: string;
  element: ReactNode;
  nav?: { label: keyof typeof en.kid.nav; icon: string; to: string };
}

export const kidScreens: KidScreen[] = [
  { path: '', element: <KidHome />, nav: { label: 'home', icon: '🏠', to: '' } },
  { path: 'chats/*', element: <Chats />, nav: { label: 'chats', icon: '💬', to: 'chats' } },
  { path: 'friends/*', element: <Friends />, nav: { label: 'friends', icon: '👫', to: 'friends' } },
  { path: 'me', element: <Me />, nav: { label: 'me', icon: '🙂', to: 'me' } },
  { path: 'reports', element: <MyReports /> },
  { path: 'help', element: <Help /> },
  { path: 'grown-ups-can-see', element: <AboutGrownUps /> },
  { path: 'account', element: <Account /> },
];
