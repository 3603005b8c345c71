import { ContactList } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** My contacts, each exactly as a contact may see them (P20). */
export function registerListContacts(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/contacts',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['contacts'],
        security: secured,
        response: { 200: ContactList, ...errors(401) },
      },
    },
    async (req) => ({ contacts: await ctx.contacts.list(authOf(req).accountId) }),
  );
}
