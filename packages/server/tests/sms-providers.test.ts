import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpSmsProvider } from '../src/sms/http-sms-provider.js';

describe('HttpSmsProvider against a real HTTP gateway', () => {
  const received: { auth: string | undefined; body: unknown }[] = [];
  let status = 200;
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      received.push({ auth: req.headers.authorization, body: JSON.parse(raw) });
      res.statusCode = status;
      res.end();
    });
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('posts the number and text with the bearer token', async () => {
    await new HttpSmsProvider(url, 'secret-token').send('+8613800138000', 'hello');
    expect(received.at(-1)).toEqual({
      auth: 'Bearer secret-token',
      body: { to: '+8613800138000', text: 'hello' },
    });
  });

  it('fails loudly when the gateway refuses, so the caller does not report success', async () => {
    status = 503;
    await expect(new HttpSmsProvider(url, null).send('+8613800138000', 'x')).rejects.toThrow('503');
    status = 200;
  });
});
