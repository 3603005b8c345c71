import { Id } from '@kidtalk/protocol';
import { Type } from 'typebox';
import type { AppContext } from '../../../context.js';
import { notFound } from '../../../errors.js';
import { AccountStore } from '../../../stores/account-store.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** An uploaded avatar is shown only to those who may see the profile it belongs to. */
export function registerGetAvatar(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/avatars/:blobId',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['profiles'],
        security: secured,
        params: Type.Object({ blobId: Id }, { additionalProperties: false }),
        response: { 200: Type.Unknown({ description: 'the image bytes' }), ...errors(401, 404) },
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      const blob = await ctx.avatars.get(req.params.blobId);
      // The same answer a stranger gets from the profile check below: no probing for blobs.
      if (!blob) throw notFound('account');
      const owner = await new AccountStore(ctx.db.db).byId(blob.ownerId);
      await ctx.profiles.view(auth, owner); // throws NOT_FOUND for strangers
      return reply
        .header('content-type', blob.contentType)
        .header('content-security-policy', "default-src 'none'")
        .send(Buffer.from(blob.bytes));
    },
  );
}
