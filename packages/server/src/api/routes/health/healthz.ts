import { Type } from 'typebox';
import type { KidTalkApp } from '../../types.js';

/** Liveness: the process answers. It deliberately does not touch the database. */
export function registerHealthz(app: KidTalkApp): void {
  app.get(
    '/healthz',
    {
      logLevel: 'warn',
      schema: { tags: ['ops'], response: { 200: Type.Object({ ok: Type.Literal(true) }) } },
    },
    async () => ({ ok: true as const }),
  );
}
