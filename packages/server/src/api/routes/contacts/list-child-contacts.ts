import { ChildContactList, ChildParams } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** A guardian can always see who their child's contacts are, and since when (P19). */
export function registerListChildContacts(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/children/:childId/contacts',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['contacts'],
        security: secured,
        params: ChildParams,
        response: { 200: ChildContactList, ...errors(401, 404) },
      },
    },
    async (req) => {
      await ctx.parental.assertGuardian(authOf(req), req.params.childId);
      return { contacts: await ctx.contacts.listWithSince(req.params.childId) };
    },
  );
}
