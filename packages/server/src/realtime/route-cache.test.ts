import { describe, expect, it } from 'vitest';
import { MemoryBus } from '../bus/memory-bus.js';
import { ManualClock } from '../clock.js';
import type { Route, RouteRequest } from './route-cache.js';
import { parseWidening, POLICY_TOPIC, RouteCache } from './route-cache.js';

const routeFor = (r: RouteRequest): Route => ({
  deviceIds: [`dev-of-${r.conversationId}`],
  accountIds: [`peer-of-${r.senderId}`],
});

function setup(answer: (r: RouteRequest) => Route | null = routeFor, gate?: Promise<void>) {
  const loads: RouteRequest[][] = [];
  const clock = new ManualClock();
  const bus = new MemoryBus();
  const cache = new RouteCache(
    async (requests) => {
      loads.push([...requests]);
      await gate;
      return requests.map(answer);
    },
    bus,
    clock,
  );
  return { cache, loads, clock, bus };
}

describe('RouteCache', () => {
  it('answers a hit synchronously, from one load for all of a turn’s misses', async () => {
    const { cache, loads } = setup();
    const [a, b, again] = [cache.get('c1', 's1'), cache.get('c2', 's1'), cache.get('c1', 's1')];
    expect(a).toBeInstanceOf(Promise);
    expect(again).toBe(a); // one pending load per key
    expect(await a).toEqual(routeFor({ conversationId: 'c1', senderId: 's1' }));
    expect(await b).toEqual(routeFor({ conversationId: 'c2', senderId: 's1' }));
    expect(loads).toHaveLength(1);
    expect(loads[0]!.map((r) => r.conversationId)).toEqual(['c1', 'c2']);
    expect(cache.get('c1', 's1')).toEqual(routeFor({ conversationId: 'c1', senderId: 's1' }));
    expect(loads).toHaveLength(1);
  });

  it('keeps senders of one conversation apart, and caches a refusal too', async () => {
    const { cache, loads } = setup((r) => (r.senderId === 'stranger' ? null : routeFor(r)));
    await Promise.all([cache.get('c1', 'member'), cache.get('c1', 'stranger')]);
    expect(cache.get('c1', 'member')).toEqual(
      routeFor({ conversationId: 'c1', senderId: 'member' }),
    );
    expect(cache.get('c1', 'stranger')).toBeNull();
    expect(loads).toHaveLength(1);
  });

  it('reloads after the TTL, and at once after a policy change on any node', async () => {
    const { cache, loads, clock, bus } = setup();
    await cache.get('c1', 's1');
    clock.advance(31_000);
    expect(cache.get('c1', 's1')).toBeInstanceOf(Promise);
    await cache.get('c1', 's1');
    expect(loads).toHaveLength(2);
    bus.publish(POLICY_TOPIC, '1');
    expect(cache.get('c1', 's1')).toBeInstanceOf(Promise);
  });

  it('answers but does not cache a load that a policy change overtook', async () => {
    let open!: () => void;
    const { cache, loads } = setup(routeFor, new Promise<void>((r) => (open = r)));
    const pending = cache.get('c1', 's1');
    await new Promise((r) => setImmediate(r)); // the load has started
    expect(loads).toHaveLength(1);
    cache.invalidateEverywhere();
    open();
    expect(await pending).not.toBeNull();
    expect(cache.get('c1', 's1')).toBeInstanceOf(Promise);
    await cache.get('c1', 's1');
    expect(loads).toHaveLength(2);
  });

  describe('a widening', () => {
    // c1: a and b; c2: a and c; c3: b and c. Each route lists every member, the sender too.
    const members: Record<string, string[]> = { c1: ['a', 'b'], c2: ['a', 'c'], c3: ['b', 'c'] };
    const answer = (r: RouteRequest): Route => ({
      accountIds: members[r.conversationId]!,
      deviceIds: members[r.conversationId]!.map((m) => `dev-${m}`),
    });
    const keys = [
      ['c1', 'a'],
      ['c1', 'b'],
      ['c2', 'a'],
      ['c2', 'c'],
      ['c3', 'b'],
      ['c3', 'c'],
    ] as const;

    async function warm() {
      const s = setup(answer);
      await Promise.all(keys.map(([c, sender]) => s.cache.get(c, sender)));
      const cached = () =>
        keys
          .filter(([c, sender]) => !(s.cache.get(c, sender) instanceof Promise))
          .map(([c, sender]) => `${c}:${sender}`);
      return { ...s, cached };
    }

    it('of senders drops only the routes they send on', async () => {
      const { cache, cached } = await warm();
      cache.widenEverywhere({ senders: ['a'] });
      expect(cached()).toEqual(['c1:b', 'c2:c', 'c3:b', 'c3:c']);
    });

    it('of members drops only the routes that deliver to them, whoever sends', async () => {
      const { cache, cached } = await warm();
      cache.widenEverywhere({ members: ['c'] });
      expect(cached()).toEqual(['c1:a', 'c1:b']);
    });

    it('of conversations drops every route of those, whoever sends', async () => {
      const { cache, cached } = await warm();
      cache.widenEverywhere({ conversations: ['c2', 'c9'] });
      expect(cached()).toEqual(['c1:a', 'c1:b', 'c3:b', 'c3:c']);
    });

    it('reaches the other nodes scoped, and anything else on the topic drops everything', async () => {
      const { bus, cached } = await warm();
      bus.publish(POLICY_TOPIC, JSON.stringify({ senders: ['b'] }));
      expect(cached()).toEqual(['c1:a', 'c2:a', 'c2:c', 'c3:c']);
      bus.publish(POLICY_TOPIC, '{"senders":"b"}');
      expect(cached()).toEqual([]);
    });

    it('finds a route reloaded since, and not one dropped since', async () => {
      const { cache, cached, clock } = await warm();
      cache.widenEverywhere({ senders: ['a'] });
      clock.advance(31_000); // every entry expired: each is loaded again and replaces the old
      await Promise.all(keys.map(([c, sender]) => cache.get(c, sender)));
      expect(cached()).toHaveLength(6);
      cache.widenEverywhere({ members: ['a'] });
      expect(cached()).toEqual(['c3:b', 'c3:c']);
    });

    it('does not cache a load it overtook', async () => {
      let open!: () => void;
      const { cache, loads } = setup(answer, new Promise<void>((r) => (open = r)));
      const pending = cache.get('c3', 'b');
      await new Promise((r) => setImmediate(r));
      cache.widenEverywhere({ members: ['a'] }); // not even this route's member
      open();
      expect(await pending).toEqual(answer({ conversationId: 'c3', senderId: 'b' }));
      const again = cache.get('c3', 'b');
      expect(again).toBeInstanceOf(Promise);
      await again;
      expect(loads).toHaveLength(2);
    });
  });
});

describe('parseWidening', () => {
  it('reads what widenEverywhere publishes', () => {
    expect(parseWidening('{"senders":["a","b"]}')).toEqual({ senders: ['a', 'b'] });
    expect(parseWidening('{"members":["a"]}')).toEqual({ members: ['a'] });
    expect(parseWidening('{"conversations":["c"]}')).toEqual({ conversations: ['c'] });
  });

  it.each([
    '1',
    '',
    'null',
    '[]',
    '"a"',
    '{"senders":"a"}',
    '{"members":[1]}',
    '{"conversations":[null]}',
    '{"all":true}',
    '{',
  ])('refuses %j, so the receiver drops every route', (payload) =>
    expect(parseWidening(payload)).toBeNull(),
  );
});
