import { matchRoutes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { grownUpScreens } from './routes.js';

// Screens are lazy components: a match is told by the route it lands on.
const routes = grownUpScreens.map((s) => ({ path: s.path, element: s.element }));
const routeAt = (path: string) => matchRoutes(routes, path)?.at(-1);

describe('grown-ups routes', () => {
  it('opens a group conversation in the group chat screen, with its id', () => {
    const m = routeAt('/chats/groups/c0ffee-42');
    expect(m?.route.path).toBe('chats/groups/:conversationId');
    expect(m?.params.conversationId).toBe('c0ffee-42');
  });

  it('still opens a direct chat and the chats home in the chats routes', () => {
    expect(routeAt('/chats/ABCD12345')?.route.path).toBe('chats/*');
    expect(routeAt('/chats')?.route.path).toBe('chats/*');
  });
});
