import { createElement } from 'react';
import { matchRoutes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ChatsRoutes } from './chats/chats-screen.js';
import { GroupChatScreen } from './chats/group-chat-screen.js';
import { grownUpScreens } from './routes.js';

const routes = grownUpScreens.map((s) => ({ path: s.path, element: s.element }));
const screenAt = (path: string) => {
  const found = matchRoutes(routes, path);
  return found?.at(-1);
};

describe('grown-ups routes', () => {
  it('opens a group conversation in the group chat screen, with its id', () => {
    const m = screenAt('/chats/groups/c0ffee-42');
    expect(m?.route.element).toEqual(createElement(GroupChatScreen));
    expect(m?.params.conversationId).toBe('c0ffee-42');
  });

  it('still opens a direct chat and the chats home in the chats routes', () => {
    expect(screenAt('/chats/ABCD12345')?.route.element).toEqual(createElement(ChatsRoutes));
    expect(screenAt('/chats')?.route.element).toEqual(createElement(ChatsRoutes));
  });
});
