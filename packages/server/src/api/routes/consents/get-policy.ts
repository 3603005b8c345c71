import { PolicyView } from '@kidtalk/protocol';
import type { AppContext } from '../../../context.js';
import type { KidTalkApp } from '../../types.js';

/** The policy version a consent must name. Public: people read it before signing up. */
export function registerGetPolicy(app: KidTalkApp, ctx: AppContext): void {
  app.get(
    '/v1/policy',
    { schema: { tags: ['consents'], response: { 200: PolicyView } } },
    async () => ({
      version: ctx.config.policyVersion,
      effectiveAt: Date.parse(`${ctx.config.policyVersion}T00:00:00Z`) || 0,
      url: '/policy',
    }),
  );
}
