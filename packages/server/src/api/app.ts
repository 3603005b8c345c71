import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorCode, PROTOCOL_VERSION } from '@kidtalk/protocol';
import type { FastifyBaseLogger } from 'fastify';
import Fastify from 'fastify';
import type { AppContext } from '../context.js';
import { mapError, toErrorBody } from './error-mapper.js';
import { registerRoutes } from './routes/index.js';
import type { KidTalkApp } from './types.js';
import { registerWebApp } from './web-app.js';

export async function buildApp(ctx: AppContext): Promise<KidTalkApp> {
  const app = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: ctx.config.trustProxy,
    return503OnClosing: true,
    // Unknown fields are refused rather than stripped, and "1" is not silently a number.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    routerOptions: { maxParamLength: 200 },
    // Bad URL encoding and over-long path parameters are answered before routing; without
    // this they would bypass the error mapper and leak Fastify's own error shape.
    frameworkErrors: (err, req, reply) => void mapError(err, req, reply),
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onRequest', async (_req, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cache-control', 'no-store');
    reply.header('x-kidtalk-protocol', String(PROTOCOL_VERSION));
  });
  // Avatars arrive as raw bytes; each route sets its own, smaller body limit.
  app.addContentTypeParser(
    ['image/png', 'image/jpeg', 'image/webp'],
    { parseAs: 'buffer' },
    (_req, body, done) => done(null, body),
  );
  // Encrypted attachments: opaque bytes, size-limited by their own route.
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );
  // JSON only: Fastify's default text/plain parser would let non-JSON bodies through.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler(mapError);
  const appShell = await registerWebApp(app);
  app.setNotFoundHandler((req, reply) =>
    appShell.serves(req)
      ? appShell.send(reply)
      : reply.status(404).send(toErrorBody(ErrorCode.NotFound, 'no such route')),
  );

  await app.register(swagger, {
    openapi: {
      info: { title: 'KidTalk API', version: String(PROTOCOL_VERSION) },
      components: {
        securitySchemes: { session: { type: 'http', scheme: 'bearer' } },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  registerRoutes(app, ctx);
  return app;
}
