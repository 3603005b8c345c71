import type { ReactNode } from 'react';
import type { en } from '../i18n/en.js';
import { AccountScreen } from './account/account-screen.js';
import { ChatsRoutes } from './chats/chats-screen.js';
import { GroupChatScreen } from './chats/group-chat-screen.js';
import { ChildrenRoutes } from './children/children-routes.js';
import { GrownUpHome } from './home.js';

/**
 * The grown-ups' app screens (adult chat, guardian dashboard): the one place to add one. `path`
 * is relative to /grown-ups. Screens with `nav` get a tab. This whole app is already its own
 * chunk; lazy-load screens that pull in big libraries.
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
