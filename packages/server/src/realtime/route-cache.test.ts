import { describe, expect, it } from 'vitest';
import { MemoryBus } from '../bus/memory-bus.js';
import { ManualClock } from '../clock.js';
import type { Route, RouteRequest } from './route-cache.js';
import { POLICY_TOPIC, RouteCache } from './route-cache.js';

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
});
