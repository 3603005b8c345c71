import type { ReactNode } from 'react';
import type { en } from '../i18n/en.js';
import { KidHome } from './home.js';

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
];
