import { ServerKeyReply } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import type { KidTalkApp } from '../../types.js';

/** Public: every client pins this key and checks every member's credential against it. */
export function registerGetServerKey(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/credentials/server-key',
    { schema: { tags: ['mls'], response: { 200: ServerKeyReply } } },
    async () => ({ publicKey: Buffer.from(ctx.credentials.publicKey).toString('base64url') }),
  );
}
