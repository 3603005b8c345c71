import { UpdateDeviceBody } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** Clients report permission and timezone changes here (P9); nothing else is accepted. */
export function registerUpdateDevice(app: KidTalkApp, ctx: AppContext): void {
  app.put(
    '/v1/devices/current',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['me'],
        security: secured,
        body: UpdateDeviceBody,
        response: { 204: {}, ...errors(401) },
      },
    },
    async (req, reply) => {
      await ctx.sessions.updateDevice(authOf(req), req.body, req.ip);
      return reply.status(204).send();
    },
  );
}
