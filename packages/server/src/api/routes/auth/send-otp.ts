import { SendOtpBody, SendOtpReply } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { normalizePhone } from '../../../security/phone.js';
import { AccountStore } from '../../../stores/account-store.js';
import type { KidTalkApp } from '../../types.js';
import { errors } from '../responses.js';

export function registerSendOtp(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/auth/otp',
    {
      schema: {
        tags: ['auth'],
        body: SendOtpBody,
        response: { 202: SendOtpReply, ...errors(429) },
      },
    },
    async (req, reply) => {
      const phone = normalizePhone(req.body.phone, ctx.config.defaultRegion);
      // A PIN-unlock code only goes to a guardian's number, but the answer is the same
      // either way so the endpoint cannot be used to learn who is a guardian.
      const deliver =
        req.body.purpose === 'sign_in' ||
        (await new AccountStore(ctx.db.db).byPhone(phone))?.kind === 'adult';
      const expiresInSec = await ctx.otp.send(phone, req.body.purpose, req.ip, deliver);
      return reply.status(202).send({ expiresInSec });
    },
  );
}
