import { CredentialReply, IssueCredentialBody } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import { authenticate, authOf } from '../../authenticate.js';
import type { KidTalkApp } from '../../types.js';
import { errors, secured } from '../responses.js';

/** The credential always names the calling session's own account and device. */
export function registerIssueCredential(app: KidTalkApp, ctx: AppContext): void {
  app.post(
    '/v1/credentials',
    {
      preHandler: authenticate(ctx),
      schema: {
        tags: ['mls'],
        security: secured,
        body: IssueCredentialBody,
        response: { 201: CredentialReply, ...errors(401) },
      },
    },
    async (req, reply) => {
      const auth = authOf(req);
      const key = new Uint8Array(Buffer.from(req.body.signaturePublicKey, 'base64url'));
      const credential = await ctx.credentials.issue(auth, key);
      return reply.status(201).send({
        credential: Buffer.from(credential).toString('base64url'),
        accountId: auth.accountId,
        deviceId: auth.deviceId,
      });
    },
  );
}
