import { CommitReply, ExternalCommitBody, IdParams, MLS_BODY_LIMIT_BYTES } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** Only a new device of an account already in the group may join this way. */
export function registerPostExternalCommit(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/conversations/:id/external-commits',
    {
      preHandler: authenticate(ctx),
      bodyLimit: MLS_BODY_LIMIT_BYTES,
      schema: {
        tags: ['mls'],
        security: secured,
        params: IdParams,
        body: ExternalCommitBody,
        response: { 200: CommitReply, ...errors(401, 404, 409) },
      },
    },
    async (req) => ({
      epoch: await ctx.delivery.externalCommit(authOf(req), req.params.id, req.body),
    }),
  );
}
