import { randomBytes } from 'node:crypto';
import { ELEVATION_HEADER } from '@kidtalk/protocol';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../src/clock.js';
import type { KidTalkApp } from '../src/api/types.js';
import { BlockStore } from '../src/stores/block-store.js';
import { ContactStore } from '../src/stores/contact-store.js';
import { testDialects } from './support/databases.js';
import type { Adult, Child } from './support/flows.js';
import {
  createChild,
  elevate,
  latestCode,
  linkChildDevice,
  nextPhone,
  signUpAdult,
} from './support/flows.js';
import type { Harness } from './support/harness.js';
import { startHarness } from './support/harness.js';

/**
 * "Another family's child ID in any route gives the same answer as a missing one": every
 * object is authorized on the server, and a stranger cannot even tell whether it exists.
 */

const DIALECTS = await testDialects();

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** A valid ID nobody has: same alphabet and length as real ones. */
const missingId = () => randomBytes(16).toString('base64url');

interface Family {
  guardian: Adult;
  child: Child;
  /** The child's linked device. */
  device: string;
  deviceSessionId: string;
}

interface Fixtures {
  a: Family;
  b: Family;
  /** A second linked device of child A (another session). */
  a2: string;
  stranger: Adult;
  /** Child A's contacts area: two pending requests, a contact and a blocked account. */
  contacts: { approve: string; deny: string; contact: string; blocked: string };
}

interface RouteCall {
  /** Fills in `:childId` and `:sessionId`; the body is valid, so only authorization can fail. */
  build: (f: Fixtures, childId: string, sessionId: string) => CallSpec;
}

interface CallSpec {
  body?: unknown;
  payload?: Buffer;
  contentType?: string;
}

interface ChildRoute extends RouteCall {
  method: Exclude<Method, 'HEAD'>;
  path: string;
}

/** Every route under /v1/children/:childId (src/api/routes/children/*.ts). */
const CHILD_ROUTES: ChildRoute[] = [
  { method: 'GET', path: '/v1/children/:childId', build: () => ({}) },
  {
    method: 'PATCH',
    path: '/v1/children/:childId',
    build: () => ({ body: { displayName: 'Taken Over', birthday: '2018-05-05' } }),
  },
  {
    method: 'PUT',
    path: '/v1/children/:childId/avatar',
    build: () => ({ payload: PNG_1X1, contentType: 'image/png' }),
  },
  {
    method: 'PUT',
    path: '/v1/children/:childId/settings',
    build: () => ({ body: { selfFriending: true } }),
  },
  { method: 'PUT', path: '/v1/children/:childId/pin', build: () => ({ body: { pin: '7391' } }) },
  { method: 'GET', path: '/v1/children/:childId/pin', build: () => ({}) },
  {
    method: 'POST',
    path: '/v1/children/:childId/pin/check',
    build: (f) => ({ body: { pin: f.a.child.pin, action: 'settings.update' } }),
  },
  {
    method: 'POST',
    path: '/v1/children/:childId/pin/unlock',
    build: () => ({ body: { code: '123456' } }),
  },
  { method: 'POST', path: '/v1/children/:childId/link-codes', build: () => ({}) },
  { method: 'GET', path: '/v1/children/:childId/sessions', build: () => ({}) },
  { method: 'DELETE', path: '/v1/children/:childId/sessions/:sessionId', build: () => ({}) },
  {
    method: 'POST',
    path: '/v1/children/:childId/guardian-invites',
    build: () => ({ body: { phone: nextPhone() } }),
  },
  { method: 'GET', path: '/v1/children/:childId/guardians', build: () => ({}) },
  { method: 'GET', path: '/v1/children/:childId/conversations', build: () => ({}) },
  // src/api/routes/contacts/*.ts (issue 4)
  { method: 'GET', path: '/v1/children/:childId/friend-requests', build: () => ({}) },
  {
    method: 'POST',
    path: '/v1/children/:childId/friend-requests/:requestId/approve',
    build: () => ({}),
  },
  {
    method: 'POST',
    path: '/v1/children/:childId/friend-requests/:requestId/deny',
    build: () => ({}),
  },
  { method: 'GET', path: '/v1/children/:childId/contacts', build: () => ({}) },
  { method: 'DELETE', path: '/v1/children/:childId/contacts/:publicId', build: () => ({}) },
  { method: 'GET', path: '/v1/children/:childId/blocks', build: () => ({}) },
  {
    method: 'POST',
    path: '/v1/children/:childId/blocks',
    build: (f) => ({ body: { publicId: f.contacts.blocked } }),
  },
  { method: 'DELETE', path: '/v1/children/:childId/blocks/:publicId', build: () => ({}) },
  // src/api/routes/reports, data-rights (issue 5)
  { method: 'GET', path: '/v1/children/:childId/reports', build: () => ({}) },
  { method: 'GET', path: '/v1/children/:childId/export', build: () => ({}) },
  { method: 'DELETE', path: '/v1/children/:childId', build: () => ({}) },
];

/** GET routes also answer HEAD; those are probed too. */
const PROBES: (ChildRoute | (RouteCall & { method: 'HEAD'; path: string }))[] = [
  ...CHILD_ROUTES,
  ...CHILD_ROUTES.filter((r) => r.method === 'GET').map((r) => ({ ...r, method: 'HEAD' as const })),
];

const key = (method: string, path: string) => `${method} ${path}`;

/**
 * Every (method, path) the router really serves, read from Fastify's own route tree. The
 * parse is checked against routes known to exist, so a format change cannot make it vacuous.
 */
function registeredRoutes(app: KidTalkApp): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(\S+)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    stack.length = m[1]!.length / 4;
    stack.push(m[2]!);
    for (const method of m[3]?.split(', ') ?? []) out.push({ method, path: stack.join('') });
  }
  return out;
}

describe.each(DIALECTS)('authorization on %s', (dialect) => {
  let h: Harness;
  let f: Fixtures;

  const call = (
    method: Method,
    url: string,
    token: string | undefined,
    spec: CallSpec = {},
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> =>
    h.app.inject({
      method,
      url,
      remoteAddress: '203.0.113.80',
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(spec.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(spec.contentType ? { 'content-type': spec.contentType } : {}),
        ...headers,
      },
      ...(spec.body !== undefined ? { payload: JSON.stringify(spec.body) } : {}),
      ...(spec.payload !== undefined ? { payload: spec.payload } : {}),
    });

  const urlOf = (path: string, childId: string, sessionId: string) =>
    path
      .replace(':childId', childId)
      .replace(':sessionId', sessionId)
      .replace(':requestId', path.endsWith('/deny') ? f.contacts.deny : f.contacts.approve)
      .replace(':publicId', path.includes('/blocks/') ? f.contacts.blocked : f.contacts.contact);

  /** Status, headers (but the date) and body, byte for byte. */
  const fingerprint = (res: LightMyRequestResponse) => {
    const { date: _date, ...headers } = res.headers;
    return { status: res.statusCode, headers, body: res.body };
  };

  const expectNotFound = (res: LightMyRequestResponse) => {
    expect(res.statusCode, res.body).toBe(404);
    if (res.body !== '')
      expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
  };

  const childState = async (fam: Family) => {
    const profile = await call('GET', `/v1/children/${fam.child.id}`, fam.guardian.token);
    const sessions = await call('GET', `/v1/children/${fam.child.id}/sessions`, fam.guardian.token);
    const guardians = await call(
      'GET',
      `/v1/children/${fam.child.id}/guardians`,
      fam.guardian.token,
    );
    return {
      profile: profile.json(),
      sessions: sessions
        .json()
        .sessions.map((s: { id: string }) => s.id)
        .sort(),
      guardians: guardians.json(),
    };
  };

  const family = async (name: string): Promise<Family> => {
    const guardian = await signUpAdult(h, name);
    const child = await createChild(h, guardian);
    const device = await linkChildDevice(h, guardian, child);
    const me = await call('GET', '/v1/sessions', device);
    return { guardian, child, device, deviceSessionId: me.json().sessions[0].id };
  };

  beforeAll(async () => {
    h = await startHarness(dialect);
    const a = await family('Ann');
    const b = await family('Ben');
    f = {
      a,
      b,
      a2: await linkChildDevice(h, a.guardian, a.child),
      stranger: await signUpAdult(h, 'Stranger'),
      contacts: await contactsOfA(a.child),
    };
  });

  async function contactsOfA(child: Child): Promise<Fixtures['contacts']> {
    const request = async (name: string) => {
      const from = await signUpAdult(h, name);
      const res = await call('POST', '/v1/friend-requests', from.token, {
        body: { publicId: child.publicId },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const contact = await signUpAdult(h, 'Contact');
    await new ContactStore(h.ctx.db.db).addApprovedPair(child.id, contact.accountId, h.clock.now());
    const blocked = await signUpAdult(h, 'Blocked');
    await new BlockStore(h.ctx.db.db).add(child.id, blocked.accountId, h.clock.now());
    return {
      approve: await request('Friend One'),
      deny: await request('Friend Two'),
      contact: contact.publicId,
      blocked: blocked.publicId,
    };
  }
  afterAll(() => h.close());

  describe('route table', () => {
    it('covers every route the server registers under /v1/children/:childId', () => {
      const all = registeredRoutes(h.app);
      // The parse itself must see routes known to exist, or this test proves nothing.
      expect(all).toContainEqual({ method: 'GET', path: '/healthz' });
      expect(all).toContainEqual({ method: 'GET', path: '/v1/children/:childId' });
      expect(all).toContainEqual({
        method: 'DELETE',
        path: '/v1/children/:childId/sessions/:sessionId',
      });

      const registered = all
        .filter(
          (r) => r.path === '/v1/children/:childId' || r.path.startsWith('/v1/children/:childId/'),
        )
        .map((r) => key(r.method, r.path));
      const probed = new Set(PROBES.map((r) => key(r.method, r.path)));
      expect(registered.filter((k) => !probed.has(k))).toEqual([]);
      expect(registered.length).toBe(PROBES.length);
    });

    it('agrees with the OpenAPI document', () => {
      const paths = Object.entries(
        (
          h.app as unknown as { swagger(): { paths: Record<string, Record<string, unknown>> } }
        ).swagger().paths,
      );
      const documented = paths
        .map(([p, ops]) => [p.replace(/\{(\w+)\}/g, ':$1'), ops] as const)
        .filter(([p]) => p === '/v1/children/:childId' || p.startsWith('/v1/children/:childId/'))
        .flatMap(([p, ops]) => Object.keys(ops).map((m) => key(m.toUpperCase(), p)));
      const table = CHILD_ROUTES.map((r) => key(r.method, r.path));
      expect(documented.sort()).toEqual([...table].sort());
    });

    it.each(CHILD_ROUTES)('$method $path is a real route', (r) => {
      expect(h.app.hasRoute({ method: r.method, url: r.path })).toBe(true);
    });
  });

  describe('another family’s child is indistinguishable from a missing one', () => {
    it.each(PROBES)('guardian B: $method $path', async (r) => {
      const nobody = missingId();
      const spec = r.build(f, f.a.child.id, f.a.deviceSessionId);
      const onA = await call(
        r.method,
        urlOf(r.path, f.a.child.id, f.a.deviceSessionId),
        f.b.guardian.token,
        spec,
      );
      const onMissing = await call(
        r.method,
        urlOf(r.path, nobody, f.a.deviceSessionId),
        f.b.guardian.token,
        r.build(f, nobody, f.a.deviceSessionId),
      );
      expectNotFound(onA);
      expect(fingerprint(onA)).toEqual(fingerprint(onMissing));
    });

    it.each(PROBES)('a stranger with no children: $method $path', async (r) => {
      const nobody = missingId();
      const onA = await call(
        r.method,
        urlOf(r.path, f.a.child.id, f.a.deviceSessionId),
        f.stranger.token,
        r.build(f, f.a.child.id, f.a.deviceSessionId),
      );
      const onMissing = await call(
        r.method,
        urlOf(r.path, nobody, f.a.deviceSessionId),
        f.stranger.token,
        r.build(f, nobody, f.a.deviceSessionId),
      );
      expectNotFound(onA);
      expect(fingerprint(onA)).toEqual(fingerprint(onMissing));
    });

    it.each(PROBES)('child A’s device on child B: $method $path', async (r) => {
      const nobody = missingId();
      const onB = await call(
        r.method,
        urlOf(r.path, f.b.child.id, f.b.deviceSessionId),
        f.a.device,
        r.build(f, f.b.child.id, f.b.deviceSessionId),
      );
      const onMissing = await call(
        r.method,
        urlOf(r.path, nobody, f.b.deviceSessionId),
        f.a.device,
        r.build(f, nobody, f.b.deviceSessionId),
      );
      expectNotFound(onB);
      expect(fingerprint(onB)).toEqual(fingerprint(onMissing));
    });

    it('changed nothing for either child', async () => {
      const before = { a: f.a.child, b: f.b.child };
      for (const fam of [f.a, f.b]) {
        const s = await childState(fam);
        expect(s.profile).toMatchObject({
          id: fam.child.id,
          displayName: 'Xiao Ming',
          birthday: null,
          selfFriending: false,
          avatar: { kind: 'builtin', id: 'panda' },
        });
        expect(s.sessions).toContain(fam.deviceSessionId);
        expect(s.guardians.guardians).toHaveLength(1);
        expect(s.guardians.guardians[0].id).toBe(fam.guardian.accountId);
      }
      // The PIN is still the one the guardian set, and no link code or invite was made.
      await elevate(h, f.a.device, before.a, 'settings.update');
      await elevate(h, f.b.device, before.b, 'settings.update');
      const db = h.ctx.db.db;
      const invites = await db.selectFrom('guardian_invites').selectAll().execute();
      expect(invites).toEqual([]);
      // Only the guardians' own link codes exist (two devices for A, one for B).
      const links = await db.selectFrom('link_codes').select(['child_id', 'created_by']).execute();
      expect(links.map((l) => `${l.child_id}:${l.created_by}`).sort()).toEqual(
        [
          `${f.a.child.id}:${f.a.guardian.accountId}`,
          `${f.a.child.id}:${f.a.guardian.accountId}`,
          `${f.b.child.id}:${f.b.guardian.accountId}`,
        ].sort(),
      );
    });
  });

  describe('parental actions on the child’s own device', () => {
    const needsElevation = (r: ChildRoute) =>
      [
        'PATCH /v1/children/:childId',
        'PUT /v1/children/:childId/avatar',
        'PUT /v1/children/:childId/settings',
        'POST /v1/children/:childId/link-codes',
        'POST /v1/children/:childId/friend-requests/:requestId/approve',
        'POST /v1/children/:childId/friend-requests/:requestId/deny',
        'DELETE /v1/children/:childId',
      ].includes(key(r.method, r.path));
    const PARENTAL = CHILD_ROUTES.filter(needsElevation);
    const GUARDIAN_ONLY = CHILD_ROUTES.filter(
      (r) => !needsElevation(r) && !r.path.endsWith('/pin/check'),
    );

    it('splits the table into elevated, guardian-only and the PIN check itself', () => {
      expect(PARENTAL).toHaveLength(7);
      expect(PARENTAL.length + GUARDIAN_ONLY.length + 1).toBe(CHILD_ROUTES.length);
    });

    it.each(PARENTAL)('without elevation: $method $path → 403 ELEVATION_REQUIRED', async (r) => {
      const res = await call(
        r.method,
        urlOf(r.path, f.a.child.id, f.a.deviceSessionId),
        f.a.device,
        r.build(f, f.a.child.id, f.a.deviceSessionId),
      );
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json()).toEqual({
        error: { code: 'ELEVATION_REQUIRED', message: expect.any(String) },
      });
    });

    it.each(GUARDIAN_ONLY)(
      'guardian-only, even with an elevation: $method $path → 404 like a missing child',
      async (r) => {
        const elevation = await elevate(h, f.a.device, f.a.child, 'profile.update');
        const headers = { [ELEVATION_HEADER]: elevation };
        const nobody = missingId();
        const own = await call(
          r.method,
          urlOf(r.path, f.a.child.id, f.a.deviceSessionId),
          f.a.device,
          r.build(f, f.a.child.id, f.a.deviceSessionId),
          headers,
        );
        const missing = await call(
          r.method,
          urlOf(r.path, nobody, f.a.deviceSessionId),
          f.a.device,
          r.build(f, nobody, f.a.deviceSessionId),
          headers,
        );
        expectNotFound(own);
        expect(fingerprint(own)).toEqual(fingerprint(missing));
      },
    );

    const settings = (token: string, elevation: string, on: boolean) =>
      call(
        'PUT',
        `/v1/children/${f.a.child.id}/settings`,
        token,
        { body: { selfFriending: on } },
        { [ELEVATION_HEADER]: elevation },
      );
    const expectElevationInvalid = (res: LightMyRequestResponse) => {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json()).toEqual({
        error: { code: 'ELEVATION_INVALID', message: expect.any(String) },
      });
    };

    it('an elevation token works once', async () => {
      const t = await elevate(h, f.a.device, f.a.child, 'settings.update');
      const first = await settings(f.a.device, t, true);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json().selfFriending).toBe(true);
      expectElevationInvalid(await settings(f.a.device, t, false));
      const now = await call('GET', `/v1/children/${f.a.child.id}`, f.a.guardian.token);
      expect(now.json().selfFriending).toBe(true);
      const back = await call('PUT', `/v1/children/${f.a.child.id}/settings`, f.a.guardian.token, {
        body: { selfFriending: false },
      });
      expect(back.statusCode).toBe(200);
    });

    it('an elevation token is for the one action it names', async () => {
      const t = await elevate(h, f.a.device, f.a.child, 'settings.update');
      const patch = await call(
        'PATCH',
        `/v1/children/${f.a.child.id}`,
        f.a.device,
        { body: { displayName: 'Boss' } },
        { [ELEVATION_HEADER]: t },
      );
      expectElevationInvalid(patch);
      const link = await call(
        'POST',
        `/v1/children/${f.a.child.id}/link-codes`,
        f.a.device,
        {},
        { [ELEVATION_HEADER]: t },
      );
      expectElevationInvalid(link);
      const profile = await call('GET', `/v1/children/${f.a.child.id}`, f.a.guardian.token);
      expect(profile.json().displayName).toBe('Xiao Ming');
    });

    it('an elevation token is for the session it was issued to', async () => {
      const t = await elevate(h, f.a.device, f.a.child, 'settings.update');
      expectElevationInvalid(await settings(f.a2, t, true));
      const profile = await call('GET', `/v1/children/${f.a.child.id}`, f.a.guardian.token);
      expect(profile.json().selfFriending).toBe(false);
    });

    it('an elevation token helps nobody else', async () => {
      const t = await elevate(h, f.a.device, f.a.child, 'settings.update');
      const nobody = missingId();
      const asB = await settings(f.b.guardian.token, t, true);
      const asBMissing = await call(
        'PUT',
        `/v1/children/${nobody}/settings`,
        f.b.guardian.token,
        { body: { selfFriending: true } },
        { [ELEVATION_HEADER]: t },
      );
      expectNotFound(asB);
      expect(fingerprint(asB)).toEqual(fingerprint(asBMissing));
      const asChildB = await call(
        'PUT',
        `/v1/children/${f.a.child.id}/settings`,
        f.b.device,
        { body: { selfFriending: true } },
        { [ELEVATION_HEADER]: t },
      );
      expectNotFound(asChildB);
    });

    it('an elevation token expires after five minutes', async () => {
      const early = await elevate(h, f.a.device, f.a.child, 'settings.update');
      const late = await elevate(h, f.a.device, f.a.child, 'settings.update');
      h.clock.advance(5 * MINUTE - 1);
      const inTime = await settings(f.a.device, early, false);
      expect(inTime.statusCode, inTime.body).toBe(200);
      h.clock.advance(2); // 5 * 60_000 + 1 after issue
      expectElevationInvalid(await settings(f.a.device, late, true));
      const profile = await call('GET', `/v1/children/${f.a.child.id}`, f.a.guardian.token);
      expect(profile.json().selfFriending).toBe(false);
    });

    it('the child’s device cannot change its PIN, with or without an elevation', async () => {
      const elevation = await elevate(h, f.a.device, f.a.child, 'profile.update');
      const notesBefore = await pinChangedNotes();
      const variants: Record<string, string>[] = [{}, { [ELEVATION_HEADER]: elevation }];
      for (const headers of variants) {
        const own = await call(
          'PUT',
          `/v1/children/${f.a.child.id}/pin`,
          f.a.device,
          { body: { pin: '7391' } },
          headers,
        );
        const missing = await call(
          'PUT',
          `/v1/children/${missingId()}/pin`,
          f.a.device,
          { body: { pin: '7391' } },
          headers,
        );
        expectNotFound(own);
        expect(fingerprint(own)).toEqual(fingerprint(missing));
      }
      // The new PIN is refused and the guardian's PIN still works.
      const tryNew = await call('POST', `/v1/children/${f.a.child.id}/pin/check`, f.a.device, {
        body: { pin: '7391', action: 'settings.update' },
      });
      expect(tryNew.statusCode, tryNew.body).toBe(400);
      expect(tryNew.json().error.code).toBe('PIN_INVALID');
      await elevate(h, f.a.device, f.a.child, 'settings.update');
      expect(await pinChangedNotes()).toBe(notesBefore);
    });

    async function pinChangedNotes(): Promise<number> {
      const res = await call('GET', '/v1/notifications', f.a.guardian.token);
      return res.json().notifications.filter((n: { kind: string }) => n.kind === 'pin.changed')
        .length;
    }
  });

  describe('profiles and avatars', () => {
    const unusedPublicId = 'ZZZZZZZZZ';

    it('an adult who is not a guardian cannot see the child by public ID', async () => {
      for (const viewer of [f.b.guardian.token, f.stranger.token, f.b.device]) {
        const real = await call('GET', `/v1/profiles/${f.a.child.publicId}`, viewer);
        const fake = await call('GET', `/v1/profiles/${unusedPublicId}`, viewer);
        expectNotFound(real);
        expect(fingerprint(real)).toEqual(fingerprint(fake));
      }
      const own = await call('GET', `/v1/profiles/${f.a.child.publicId}`, f.a.guardian.token);
      expect(own.statusCode).toBe(200);
      expect(own.json()).toMatchObject({ view: 'guardian', id: f.a.child.id });
    });

    it('an uploaded avatar is served only to those who may see the child', async () => {
      const up = await call('PUT', `/v1/children/${f.a.child.id}/avatar`, f.a.guardian.token, {
        payload: PNG_1X1,
        contentType: 'image/png',
      });
      expect(up.statusCode, up.body).toBe(200);
      const url: string = up.json().avatar.url;
      expect(url).toMatch(/^\/v1\/avatars\/[A-Za-z0-9_-]+$/);
      for (const allowed of [f.a.guardian.token, f.a.device]) {
        const res = await call('GET', url, allowed);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('image/png');
        expect(res.rawPayload.equals(PNG_1X1)).toBe(true);
      }
      for (const viewer of [f.b.guardian.token, f.stranger.token, f.b.device]) {
        const real = await call('GET', url, viewer);
        const fake = await call('GET', `/v1/avatars/${missingId()}`, viewer);
        expectNotFound(real);
        expect(fingerprint(real)).toEqual(fingerprint(fake));
      }
      const reset = await call('PATCH', `/v1/children/${f.a.child.id}`, f.a.guardian.token, {
        body: { avatar: { kind: 'builtin', id: 'panda' } },
      });
      expect(reset.statusCode).toBe(200);
      expectNotFound(await call('GET', url, f.a.guardian.token));
    });
  });

  describe('guardian invites', () => {
    it('only the invited number can accept; then the co-guardian manages the child', async () => {
      const coPhone = nextPhone();
      const sent = await call(
        'POST',
        `/v1/children/${f.a.child.id}/guardian-invites`,
        f.a.guardian.token,
        { body: { phone: coPhone } },
      );
      expect(sent.statusCode, sent.body).toBe(201);
      const inviteId: string = sent.json().id;

      // Nobody else can accept it, and it looks just like an invite that does not exist.
      for (const other of [f.stranger.token, f.b.guardian.token, f.a.device, f.a.guardian.token]) {
        const real = await call('POST', `/v1/guardian-invites/${inviteId}/accept`, other);
        const fake = await call('POST', `/v1/guardian-invites/${missingId()}/accept`, other);
        expectNotFound(real);
        expect(fingerprint(real)).toEqual(fingerprint(fake));
        const listed = await call('GET', '/v1/guardian-invites', other);
        expect(listed.json().invites).toEqual([]);
      }

      const co = await signUpAdult(h, 'Co-parent', coPhone);
      const beforeAccept = await call('GET', `/v1/children/${f.a.child.id}`, co.token);
      expectNotFound(beforeAccept);
      const mine = await call('GET', '/v1/guardian-invites', co.token);
      expect(mine.json().invites).toEqual([
        expect.objectContaining({ id: inviteId, childId: f.a.child.id }),
      ]);

      const accepted = await call('POST', `/v1/guardian-invites/${inviteId}/accept`, co.token);
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect(accepted.json()).toMatchObject({ view: 'guardian', id: f.a.child.id });

      const child = await call('GET', `/v1/children/${f.a.child.id}`, co.token);
      expect(child.statusCode).toBe(200);
      expect(child.json().id).toBe(f.a.child.id);
      const guardians = await call('GET', `/v1/children/${f.a.child.id}/guardians`, co.token);
      expect(guardians.statusCode).toBe(200);
      expect(
        guardians
          .json()
          .guardians.map((g: { id: string }) => g.id)
          .sort(),
      ).toEqual([f.a.guardian.accountId, co.accountId].sort());
      const list = await call('GET', '/v1/children', co.token);
      expect(list.json().children.map((c: { id: string }) => c.id)).toEqual([f.a.child.id]);

      // Spent: not again, and not by anyone else.
      expectNotFound(await call('POST', `/v1/guardian-invites/${inviteId}/accept`, co.token));
      expectNotFound(
        await call('POST', `/v1/guardian-invites/${inviteId}/accept`, f.stranger.token),
      );
      // Guardianship of A says nothing about B.
      expectNotFound(await call('GET', `/v1/children/${f.b.child.id}`, co.token));
    });
  });

  describe('sessions, notifications and consents of others', () => {
    it('revoking someone else’s session is 404 like a missing one, and it stays alive', async () => {
      const bSession: string = (await call('GET', '/v1/sessions', f.b.guardian.token)).json()
        .sessions[0].id;
      const attempts: [attacker: string, victimSession: string, victimToken: string][] = [
        [f.a.guardian.token, bSession, f.b.guardian.token],
        [f.b.guardian.token, f.a.deviceSessionId, f.a.device],
        // A guardian uses the child routes for the child's sessions, not this one.
        [f.a.guardian.token, f.a.deviceSessionId, f.a.device],
        [f.a.device, f.b.deviceSessionId, f.b.device],
        [f.a.device, bSession, f.b.guardian.token],
      ];
      for (const [attacker, victimSession, victimToken] of attempts) {
        const real = await call('DELETE', `/v1/sessions/${victimSession}`, attacker);
        const fake = await call('DELETE', `/v1/sessions/${missingId()}`, attacker);
        expectNotFound(real);
        expect(fingerprint(real)).toEqual(fingerprint(fake));
        expect((await call('GET', '/v1/me', victimToken)).statusCode).toBe(200);
      }
    });

    it('a guardian cannot revoke another child’s session through their own child’s route', async () => {
      const real = await call(
        'DELETE',
        `/v1/children/${f.a.child.id}/sessions/${f.b.deviceSessionId}`,
        f.a.guardian.token,
      );
      const fake = await call(
        'DELETE',
        `/v1/children/${f.a.child.id}/sessions/${missingId()}`,
        f.a.guardian.token,
      );
      expectNotFound(real);
      expect(fingerprint(real)).toEqual(fingerprint(fake));
      expect((await call('GET', '/v1/me', f.b.device)).statusCode).toBe(200);
    });

    it('marking someone else’s notification read is 404 like a missing one', async () => {
      const notes = (await call('GET', '/v1/notifications', f.b.guardian.token)).json()
        .notifications as { id: string; readAt: number | null }[];
      const target = notes.find((n) => n.readAt === null)!;
      const real = await call('POST', `/v1/notifications/${target.id}/read`, f.a.guardian.token);
      const fake = await call('POST', `/v1/notifications/${missingId()}/read`, f.a.guardian.token);
      expectNotFound(real);
      expect(fingerprint(real)).toEqual(fingerprint(fake));
      const after = (await call('GET', '/v1/notifications', f.b.guardian.token)).json()
        .notifications as { id: string; readAt: number | null }[];
      expect(after.find((n) => n.id === target.id)?.readAt).toBeNull();
    });

    it('consent naming another family’s child is 404 like a missing one', async () => {
      const body = (childId: string) => ({
        body: {
          purpose: 'analytics',
          granted: true,
          policyVersion: h.ctx.config.policyVersion,
          childId,
        },
      });
      const real = await call('POST', '/v1/consents', f.a.guardian.token, body(f.b.child.id));
      const fake = await call('POST', '/v1/consents', f.a.guardian.token, body(missingId()));
      expectNotFound(real);
      expect(fingerprint(real)).toEqual(fingerprint(fake));
      const consents = (await call('GET', '/v1/consents', f.a.guardian.token)).json().consents;
      expect(consents.filter((c: { purpose: string }) => c.purpose === 'analytics')).toEqual([]);
      // Control: a consent for one's own child is recorded.
      const own = await call('POST', '/v1/consents', f.a.guardian.token, body(f.a.child.id));
      expect(own.statusCode, own.body).toBe(201);
    });
  });

  describe('the rightful caller gets through with the same requests', () => {
    it.each(CHILD_ROUTES)('$method $path', async (r) => {
      let token = f.a.guardian.token;
      let sessionId = f.a.deviceSessionId;
      let expected = 200;
      if (r.path.endsWith('/pin/check')) token = f.a.device;
      if (r.method === 'DELETE') sessionId = await throwawaySession();
      if (r.path.endsWith('/pin/unlock')) {
        await call('POST', '/v1/auth/otp', undefined, {
          body: { phone: f.a.guardian.phone, purpose: 'pin_unlock' },
        });
        const code = await latestCode(h, f.a.guardian.phone);
        const res = await call('POST', urlOf(r.path, f.a.child.id, sessionId), token, {
          body: { code },
        });
        expect(res.statusCode, res.body).toBe(204);
        return;
      }
      if (r.method === 'POST' && !/\/(pin\/check|approve|deny)$/.test(r.path)) expected = 201;
      const setPin = r.method === 'PUT' && r.path.endsWith('/pin');
      if (r.method === 'DELETE' || setPin) expected = 204;
      const spec = r.build(f, f.a.child.id, sessionId);
      if (setPin) spec.body = { pin: f.a.child.pin };
      const res = await call(r.method, urlOf(r.path, f.a.child.id, sessionId), token, spec);
      expect(res.statusCode, res.body).toBe(expected);
    });

    async function throwawaySession(): Promise<string> {
      const before = new Set(
        (await call('GET', `/v1/children/${f.a.child.id}/sessions`, f.a.guardian.token))
          .json()
          .sessions.map((s: { id: string }) => s.id),
      );
      await linkChildDevice(h, f.a.guardian, f.a.child);
      const after = (await call('GET', `/v1/children/${f.a.child.id}/sessions`, f.a.guardian.token))
        .json()
        .sessions.map((s: { id: string }) => s.id) as string[];
      return after.find((id) => !before.has(id))!;
    }
  });
});
