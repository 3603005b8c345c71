import type { FastifyRequest } from 'fastify';
import { ELEVATION_HEADER } from '@kidtalk/protocol';
import type { AppContext } from '../context.js';
import { unauthenticated } from '../errors.js';
import type { AuthContext } from '../services/auth-context.js';

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,100})$/;

/** A pre-handler: the session token travels in the Authorization header, never a cookie. */
export function authenticate(ctx: AppContext) {
  return async (req: FastifyRequest): Promise<void> => {
    const match = BEARER.exec(req.headers.authorization ?? '');
    if (!match) throw unauthenticated();
    req.auth = await ctx.sessions.authenticate(match[1]!);
  };
}

export function authOf(req: FastifyRequest): AuthContext {
  if (!req.auth) throw unauthenticated();
  return req.auth;
}

export function elevationOf(req: FastifyRequest): string | undefined {
  const v = req.headers[ELEVATION_HEADER];
  return typeof v === 'string' && v.length <= 100 ? v : undefined;
}
