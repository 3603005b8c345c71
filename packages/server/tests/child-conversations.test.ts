import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InteractionCounter } from '../src/services/interaction-counter.js';
import { testDialects } from './support/databases.js';
import type { Adult, Child } from './support/flows.js';
import { createChild, linkChildDevice, signUpAdult } from './support/flows.js';
import type { Harness } from './support/harness.js';
import { startHarness } from './support/harness.js';
import { befriend } from './support/realtime-flows.js';

/**
 * GET /v1/children/:childId/conversations: a guardian sees who their child talks with and how
 * often (P7, P16), as public profiles, never what; anyone else gets the "no such child" 404.
 */

const DIALECTS = await testDialects();

/** Every key the answer may carry, at any depth: no content, no MLS state, no demographics. */
const ALLOWED_KEYS = new Set([
  'conversations',
  'id',
  'kind',
  'createdAt',
  'members',
  'view',
  'publicId',
  'displayName',
  'avatar',
  'url',
  'online',
  'interactions',
  'messagesSent',
  'messagesReceived',
  'callsMade',
  'callsReceived',
  'lastAt',
]);

function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  }
  return out;
}

describe.each(DIALECTS)('a guardian’s view of the child’s conversations (%s)', (dialect) => {
  let h: Harness;
  let mum: Adult;
  let aunt: Adult;
  let child: Child;
  let childToken: string;
  let group: string;
  let direct: string;
  const list = (childId: string, token: string) =>
    h.request({ method: 'GET', url: `/v1/children/${childId}/conversations`, token });

  beforeAll(async () => {
    h = await startHarness(dialect);
    mum = await signUpAdult(h, 'Mum');
    aunt = await signUpAdult(h, 'Aunt');
    child = await createChild(h, mum, { country: 'NZ', gender: 'girl', birthday: '2017-05-04' });
    childToken = await linkChildDevice(h, mum, child);
    await befriend(h, child.id, mum.accountId);
    await befriend(h, child.id, aunt.accountId);
    const create = async (token: string, kind: string, members: string[]) => {
      const res = await h.request({
        method: 'POST',
        url: '/v1/conversations',
        token,
        body: { kind, members },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    group = await create(childToken, 'group', [mum.publicId, aunt.publicId]);
    direct = await create(aunt.token, 'direct', [child.publicId]);
    // Not the child's: must not be listed.
    await create(mum.token, 'direct', [aunt.publicId]);
    const counter = new InteractionCounter(h.ctx.db, h.clock, h.ctx.logger);
    for (let i = 0; i < 3; i++) counter.count(child.id, aunt.accountId, 'message');
    for (let i = 0; i < 2; i++) counter.count(aunt.accountId, child.id, 'message');
    await counter.flush();
  });
  afterAll(async () => h?.close());

  it('shows the guardian each conversation, its members as public profiles and the counts', async () => {
    const res = await list(child.id, mum.token);
    expect(res.statusCode, res.body).toBe(200);
    const { conversations } = res.json() as {
      conversations: {
        id: string;
        kind: string;
        createdAt: number;
        members: { publicId: string; interactions: Record<string, unknown> | null }[];
      }[];
    };
    expect(conversations.map((c) => c.id).sort()).toEqual([group, direct].sort());
    const byId = new Map(conversations.map((c) => [c.id, c]));
    expect(byId.get(group)).toMatchObject({ kind: 'group', createdAt: h.clock.now() });
    expect(byId.get(direct)?.kind).toBe('direct');
    const ids = (id: string) =>
      byId
        .get(id)!
        .members.map((m) => m.publicId)
        .sort();
    expect(ids(group)).toEqual([child.publicId, mum.publicId, aunt.publicId].sort());
    expect(ids(direct)).toEqual([child.publicId, aunt.publicId].sort());

    const members = byId.get(group)!.members;
    const auntView = members.find((m) => m.publicId === aunt.publicId)!;
    expect(auntView).toEqual({
      view: 'contact',
      publicId: aunt.publicId,
      displayName: 'Aunt',
      avatar: expect.objectContaining({ kind: expect.any(String) }),
      online: expect.any(Boolean),
      interactions: {
        messagesSent: 3,
        messagesReceived: 2,
        callsMade: 0,
        callsReceived: 0,
        lastAt: h.clock.now(),
      },
    });
    expect(members.find((m) => m.publicId === child.publicId)!.interactions).toBeNull();
    expect(members.find((m) => m.publicId === mum.publicId)!.interactions).toMatchObject({
      messagesSent: 0,
      messagesReceived: 0,
    });

    // Who, never what: no body, content, epoch, GroupInfo or demographic field at any depth.
    expect([...keysOf(res.json())].filter((k) => !ALLOWED_KEYS.has(k))).toEqual([]);
    for (const word of ['body', 'content', 'epoch', 'groupInfo', 'NZ', 'girl', '2017-05-04']) {
      expect(res.body.includes(`"${word}"`), word).toBe(false);
    }
  });

  it('answers another guardian, the child itself and a stranger like a child that does not exist', async () => {
    const otherMum = await signUpAdult(h, 'Other Mum');
    await createChild(h, otherMum);
    const stranger = await signUpAdult(h, 'Stranger');
    const missing = await list(randomBytes(16).toString('base64url'), mum.token);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
    for (const token of [otherMum.token, childToken, stranger.token, aunt.token]) {
      const res = await list(child.id, token);
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe(missing.body);
    }
  });
});
