import { ChildProfile, CreateChildBody } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

export function registerCreateChild(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/children',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['children'],
        security: secured,
        body: CreateChildBody,
        response: { 201: ChildProfile, ...errors(401, 403) },
      },
    },
    async (req, reply) => reply.status(201).send(await ctx.children.create(authOf(req), req.body)),
  );
}
