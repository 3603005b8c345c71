import type { ReactNode } from 'react';
import { lazy } from 'react';
import type { en } from '../i18n/en.js';
import { GrownUpHome } from './home.js';

// Each its own chunk: screens that use SDK classes would otherwise pull the whole SDK into the
// first download, ahead of the client that loads it anyway.
const ChatsRoutes = lazy(() =>
  import('./chats/chats-screen.js').then((m) => ({ default: m.ChatsRoutes })),
);
const GroupChatScreen = lazy(() =>
  import('./chats/group-chat-screen.js').then((m) => ({ default: m.GroupChatScreen })),
);
const ChildrenRoutes = lazy(() =>
  import('./children/children-routes.js').then((m) => ({ default: m.ChildrenRoutes })),
);
const AccountScreen = lazy(() =>
  import('./account/account-screen.js').then((m) => ({ default: m.AccountScreen })),
);

/**
 * The grown-ups' app screens (adult chat, guardian dashboard): the one place to add one. `path`
 * is relative to /grown-ups. Screens with `nav` get a tab. Lazy-load every screen but home, as
 * below.
 *
 *   const Children = lazy(() => import('./children/children-screen.js').then((m) => ({ default: m.ChildrenScreen })));
 *   { path: 'children/*', element: <Children />, nav: { label: 'children', icon: '👪', to: 'children' } },
 */
export interface GrownUpScreen {
  path: string;
  element: ReactNode;
  nav?: { label: keyof typeof en.grownUps.nav; icon: string; to: string };
}

export const grownUpScreens: GrownUpScreen[] = [
  { path: '', element: <GrownUpHome />, nav: { label: 'home', icon: '🏠', to: '' } },
  { path: 'chats/*', element: <ChatsRoutes />, nav: { label: 'chats', icon: '💬', to: 'chats' } },
  // Ranked above 'chats/*' by react-router (more specific), so "groups" is never a contact ID.
  { path: 'chats/groups/:conversationId', element: <GroupChatScreen /> },
  {
    path: 'children/*',
    element: <ChildrenRoutes />,
    nav: { label: 'children', icon: '👪', to: 'children' },
  },
  {
    path: 'account',
    element: <AccountScreen />,
    nav: { label: 'account', icon: '👤', to: 'account' },
  },
];
