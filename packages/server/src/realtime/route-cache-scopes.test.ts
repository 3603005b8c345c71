import { expect, it } from 'vitest';
import { MemoryBus } from '../bus/memory-bus.js';
import { ManualClock } from '../clock.js';
import type { Route } from './route-cache.js';
import { RouteCache } from './route-cache.js';

/*
 * Random histories against a model of what a route depends on (ConversationPolicy: the
 * conversation's members, the pairs (sender, member), the members' devices). Each change is
 * announced the way realtime.ts announces it: widenings with their scope, narrowings with a drop
 * of everything. After every step, every route the cache answers from memory must equal a fresh
 * computation: a scope too narrow shows up here as a stale route.
 */

const ACCOUNTS = ['a0', 'a1', 'a2', 'a3', 'a4', 'a5'];

function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

class Model {
  members = new Map<string, Set<string>>();
  contacts = new Set<string>();
  devices = new Map<string, string[]>(ACCOUNTS.map((a) => [a, [`${a}-d0`]]));
  private nextDevice = 1;

  pair = (a: string, b: string) => [a, b].sort().join('+');

  route(conversationId: string, sender: string): Route | null {
    const members = this.members.get(conversationId);
    if (!members?.has(sender)) return null;
    const accountIds = [...members].filter(
      (m) => m === sender || this.contacts.has(this.pair(sender, m)),
    );
    return { accountIds, deviceIds: accountIds.flatMap((a) => this.devices.get(a)!) };
  }

  addDevice(account: string): void {
    this.devices.get(account)!.push(`${account}-d${this.nextDevice++}`);
  }
}

async function history(seed: number, steps: number): Promise<void> {
  const pick = rng(seed);
  const any = <T>(xs: readonly T[]) => xs[pick(xs.length)]!;
  const model = new Model();
  const cache = new RouteCache(
    async (requests) => requests.map((r) => model.route(r.conversationId, r.senderId)),
    new MemoryBus(),
    new ManualClock(),
  );
  const conversations = () => [...model.members.keys(), 'nowhere'];
  const check = async (when: string) => {
    for (const c of conversations())
      for (const s of ACCOUNTS) {
        const got = cache.get(c, s);
        // A hit must be today's route; a miss loads it, and the load must be too.
        const route = got instanceof Promise ? await got : got;
        expect(route, `seed ${seed}, ${when}: route of ${s} in ${c}`).toEqual(model.route(c, s));
      }
  };

  for (let step = 0; step < steps; step++) {
    const a = any(ACCOUNTS);
    const b = any(ACCOUNTS.filter((x) => x !== a));
    const op = pick(7);
    let what: string;
    if (op === 0 || model.members.size === 0) {
      const id = `c${model.members.size}`;
      model.members.set(id, new Set([a, b]));
      cache.widenEverywhere({ conversations: [id] });
      what = `create ${id}`;
    } else if (op === 1) {
      const c = any([...model.members.keys()]);
      model.members.get(c)!.add(a);
      cache.widenEverywhere({ conversations: [c] });
      what = `add ${a} to ${c}`;
    } else if (op === 2) {
      model.contacts.add(model.pair(a, b));
      cache.widenEverywhere({ senders: [a, b] });
      what = `approve ${a}+${b}`;
    } else if (op === 3) {
      model.addDevice(a);
      cache.widenEverywhere({ members: [a] });
      what = `sign in ${a}`;
    } else if (op === 4) {
      model.contacts.delete(model.pair(a, b));
      cache.invalidateEverywhere();
      what = `sever ${a}+${b}`;
    } else if (op === 5) {
      model.members.get(any([...model.members.keys()]))!.delete(a);
      cache.invalidateEverywhere();
      what = `remove ${a}`;
    } else {
      what = 'nothing';
    }
    await check(`step ${step} (${what})`);
  }
  cache.close();
}

it('answers from memory only routes that are still true, over 300 random histories', async () => {
  for (let seed = 1; seed <= 300; seed++) await history(seed, 40);
});
