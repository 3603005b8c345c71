import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { WS_PATH } from '@kidtalk/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { KidTalkApp } from './types.js';

/** The built PWA (`packages/web`, `vite build`); `npm start` builds it first when stale. */
export const WEB_DIST_DIR = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

// Paths the app shell never answers for, so an API typo stays a JSON 404.
const NOT_APP = ['/v1/', '/v1', '/docs', '/healthz', '/readyz', WS_PATH];

// Scripts and styles only from this origin, never inline; the socket to this origin only.
// No geolocation for anyone (P8); camera and microphone for this origin only.
function contentSecurityPolicy(host: string | undefined): string {
  const sameOriginSockets =
    host && /^[A-Za-z0-9.\-[\]:]+$/.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    `connect-src 'self'${sameOriginSockets}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export interface AppShell {
  /** True when a request nothing else answered should get the app's index.html (SPA routes). */
  serves(req: FastifyRequest): boolean;
  send(reply: FastifyReply): FastifyReply;
}

const NO_APP: AppShell = { serves: () => false, send: (reply) => reply };

/**
 * Serves the PWA at `/`: its files, and index.html for client-side routes such as `/kid/chats`.
 * Without a build (server-only tests, API-only deployments) nothing is registered.
 */
export async function registerWebApp(app: KidTalkApp, root = WEB_DIST_DIR): Promise<AppShell> {
  if (!existsSync(join(root, 'index.html'))) return NO_APP;
  await app.register(fastifyStatic, {
    root,
    // One route per built file, not a catch-all `/*`: a catch-all would also catch API paths
    // the router refuses (a parameter longer than maxParamLength is a 414, not a 404).
    wildcard: false,
    cacheControl: false,
    serveDotFiles: false,
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const path = req.url.split('?')[0] ?? '';
    // Vite names built assets by content hash: they never change under the same name.
    if (path.startsWith('/assets/') && reply.statusCode === 200) {
      reply.header('cache-control', 'public, max-age=31536000, immutable');
    }
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html') && !path.startsWith('/docs')) {
      reply.header('content-security-policy', contentSecurityPolicy(req.headers.host));
      reply.header('permissions-policy', 'geolocation=(), camera=(self), microphone=(self)');
      reply.header('x-frame-options', 'DENY');
    }
    return payload;
  });
  return {
    serves(req) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const path = req.url.split('?')[0] ?? '';
      if (NOT_APP.some((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`))) {
        return false;
      }
      // A missing file (`/missing.js`) is a 404, not the app.
      const last = path.slice(path.lastIndexOf('/') + 1);
      return !last.includes('.');
    },
    send: (reply) => reply.type('text/html; charset=utf-8').sendFile('index.html'),
  };
}
