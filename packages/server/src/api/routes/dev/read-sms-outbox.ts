import { PhoneInput } from '@kidtalk/protocol';
import { Type } from 'typebox';
import type { AppContext } from '../../../context.js';
import { normalizePhone } from '../../../security/phone.js';
import { DevOutboxSmsProvider } from '../../../sms/dev-outbox-sms-provider.js';
import type { KidTalkApp } from '../../types.js';

/**
 * Development only, and only registered when KIDTALK_DEV_ENDPOINTS=true with the dev SMS
 * provider: shows the messages "sent" to a number so a developer can sign in.
 */
export function registerReadSmsOutbox(app: KidTalkApp, ctx: AppContext): void {
  if (!ctx.config.devEndpoints || !(ctx.sms instanceof DevOutboxSmsProvider)) return;
  const outbox = ctx.sms;
  app.get(
    '/v1/dev/sms-outbox',
    {
      schema: {
        tags: ['development'],
        querystring: Type.Object({ phone: PhoneInput }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            messages: Type.Array(
              Type.Object({ to: Type.String(), text: Type.String(), sentAt: Type.Integer() }),
            ),
          }),
        },
      },
    },
    async (req) => {
      const phone = normalizePhone(req.query.phone, ctx.config.defaultRegion);
      return { messages: (await outbox.read(phone)).slice(-10) };
    },
  );
}
