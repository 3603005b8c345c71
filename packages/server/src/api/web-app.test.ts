import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import type { KidTalkApp } from './types.js';
import { registerWebApp } from './web-app.js';

function dist(): string {
  const root = mkdtempSync(join(tmpdir(), 'kidtalk-web-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>KidTalk</title>');
  writeFileSync(join(root, 'assets', 'index-abc123.js'), 'export {};');
  return root;
}

// The same wiring as buildApp: the app shell answers what no route did, except API paths.
async function app(root: string): Promise<KidTalkApp> {
  const a = Fastify().withTypeProvider<TypeBoxTypeProvider>();
  a.get('/v1/me', async (_req, reply) => reply.status(401).send({ error: 'no' }));
  const shell = await registerWebApp(a, root);
  a.setNotFoundHandler((req, reply) =>
    shell.serves(req) ? shell.send(reply) : reply.status(404).send({ error: 'not found' }),
  );
  return a;
}

describe('web app serving', () => {
  const apps: KidTalkApp[] = [];
  afterAll(async () => {
    for (const a of apps) await a.close();
  });

  it('serves index.html at / and for client-side routes, with the CSP', async () => {
    const a = await app(dist());
    apps.push(a);
    for (const url of ['/', '/kid', '/kid/chats/42', '/grown-ups/children?x=1']) {
      const res = await a.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.body).toContain('<title>KidTalk</title>');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers['permissions-policy']).toContain('geolocation=()');
    }
  });

  it('leaves the API, docs, health and missing files alone', async () => {
    const a = await app(dist());
    apps.push(a);
    expect((await a.inject({ method: 'GET', url: '/v1/me' })).statusCode).toBe(401);
    for (const url of ['/v1/nope', '/v1', '/healthz', '/readyz', '/v1/ws', '/missing.js']) {
      const res = await a.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toEqual({ error: 'not found' });
    }
    expect((await a.inject({ method: 'POST', url: '/kid' })).statusCode).toBe(404);
  });

  it('lets browsers keep hashed assets', async () => {
    const a = await app(dist());
    apps.push(a);
    const res = await a.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.headers['content-security-policy']).toBeUndefined();
  });

  it('registers nothing without a build', async () => {
    const a = await app(mkdtempSync(join(tmpdir(), 'kidtalk-web-empty-')));
    apps.push(a);
    expect((await a.inject({ method: 'GET', url: '/' })).statusCode).toBe(404);
    expect((await a.inject({ method: 'GET', url: '/kid' })).statusCode).toBe(404);
  });
});
