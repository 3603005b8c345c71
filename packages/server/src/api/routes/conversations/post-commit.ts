import { CommitBody, CommitReply, IdParams, MLS_BODY_LIMIT_BYTES } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** Compare-and-set on the epoch: the loser gets 409 EPOCH_CONFLICT and processes the winner. */
export function registerPostCommit(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/conversations/:id/commits',
    {
      preHandler: authenticate(ctx),
      bodyLimit: MLS_BODY_LIMIT_BYTES,
      schema: {
        tags: ['mls'],
        security: secured,
        params: IdParams,
        body: CommitBody,
        response: { 200: CommitReply, ...errors(401, 404, 409) },
      },
    },
    async (req) => ({ epoch: await ctx.delivery.commit(authOf(req), req.params.id, req.body) }),
  );
}
