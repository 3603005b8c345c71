import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { spawnServer } from './spawn-server.js';
import { summarize } from './stats.js';

/** Accounts: sign-in, child creation, PIN checks and authenticated reads over real HTTP. */
const DEVICE = {
  os: 'bench',
  model: 'bench',
  appVersion: '0.1.0',
  language: 'en',
  timezone: 'UTC',
  permissions: { camera: 'unknown', microphone: 'unknown', photos: 'unknown' },
};

export async function runAccountsWorkload(pin: boolean) {
  const server = await spawnServer({ KIDTALK_TRUST_PROXY: 'true' }, pin ? 0 : undefined);
  let ipSeq = 0;
  async function call(
    method: string,
    url: string,
    body?: unknown,
    token?: string,
    extra: Record<string, string> = {},
  ) {
    const res = await fetch(server.url + url, {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(token && { authorization: `Bearer ${token}` }),
        // Each simulated person comes from their own address, as in real traffic.
        'x-forwarded-for': `10.${(ipSeq >> 16) & 255}.${(ipSeq >> 8) & 255}.${ipSeq++ & 255}`,
        ...extra,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  }

  async function codeFor(phone: string): Promise<string> {
    const raw = await readFile(path.join(server.dataDir, 'sms-outbox.jsonl'), 'utf8');
    const last = raw
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((m) => m.to === phone)
      .at(-1);
    return /(\d{6})/.exec(last.text)![1]!;
  }

  async function timed<T>(fn: () => Promise<T>, out: number[]): Promise<T> {
    const t0 = performance.now();
    const r = await fn();
    out.push(performance.now() - t0);
    return r;
  }

  try {
    const signInMs: number[] = [];
    const tokens: string[] = [];
    for (let i = 0; i < 40; i++) {
      const phone = `+86139${String(10_000_000 + i * 104_729).slice(-8)}`;
      const session = await timed(async () => {
        await call('POST', '/v1/auth/otp', { phone, purpose: 'sign_in' });
        return call('POST', '/v1/auth/sign-in', {
          phone,
          code: await codeFor(phone),
          displayName: `P${i}`,
          device: DEVICE,
        });
      }, signInMs);
      tokens.push(session.token);
    }

    const createChildMs: number[] = [];
    const policy = await call('GET', '/v1/policy');
    const children: { id: string; token: string }[] = [];
    for (const token of tokens.slice(0, 20)) {
      const child = await timed(async () => {
        const consent = await call(
          'POST',
          '/v1/consents',
          { purpose: 'child_account', granted: true, policyVersion: policy.version },
          token,
        );
        return call(
          'POST',
          '/v1/children',
          {
            consentId: consent.id,
            displayName: 'Kid',
            avatar: { kind: 'builtin', id: 'cat' },
            pin: '4829',
          },
          token,
        );
      }, createChildMs);
      const link = await call('POST', `/v1/children/${child.id}/link-codes`, undefined, token);
      const device = await call('POST', '/v1/auth/link', { code: link.code, device: DEVICE });
      children.push({ id: child.id, token: device.token });
    }

    const pinCheckMs: number[] = [];
    for (const c of children) {
      await timed(
        () =>
          call(
            'POST',
            `/v1/children/${c.id}/pin/check`,
            { pin: '4829', action: 'profile.update' },
            c.token,
          ),
        pinCheckMs,
      );
    }

    // Authenticated reads at a fixed concurrency for a fixed time.
    const readMs: number[] = [];
    const durationMs = 5000;
    const concurrency = 32;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async (_, w) => {
        while (performance.now() - t0 < durationMs) {
          await timed(() => call('GET', '/v1/me', undefined, tokens[w % tokens.length]), readMs);
        }
      }),
    );
    const elapsed = (performance.now() - t0) / 1000;

    return {
      signIn: { latencyMs: summarize(signInMs) },
      createChild: { latencyMs: summarize(createChildMs) },
      pinCheck: { latencyMs: summarize(pinCheckMs) },
      authenticatedRead: {
        concurrency,
        requestsPerSec: Math.round(readMs.length / elapsed),
        latencyMs: summarize(readMs),
      },
    };
  } finally {
    await server.stop();
  }
}
