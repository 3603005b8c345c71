import type { Bus } from '../bus/bus.js';
import type { Clock } from '../clock.js';

export interface Route {
  /** Every device that gets this sender's traffic in this conversation, its own excluded later. */
  deviceIds: string[];
  /** The accounts behind those devices, for interaction counts. */
  accountIds: string[];
}

export interface RouteRequest {
  conversationId: string;
  senderId: string;
}

/** Loads many routes at once; the answer has one entry per request, in order. */
export type RouteLoader = (requests: readonly RouteRequest[]) => Promise<(Route | null)[]>;

export const POLICY_TOPIC = 'policy';
/** Entries live 20 to 30 s, spread so that routes cached together are not reloaded together. */
const TTL_MS = 20_000;
const TTL_SPREAD_MS = 10_000;
const MAX_ENTRIES = 100_000;

interface Pending extends RouteRequest {
  key: string;
  promise: Promise<Route | null>;
  resolve(route: Route | null): void;
  reject(err: unknown): void;
}

/**
 * Authorizing every message against the database would cost more than relaying it, so routes
 * are cached. Every change to who may talk to whom (a contact approved, severed or blocked; a
 * member added or removed; a device signed in or revoked) publishes on the policy topic once
 * committed, and every node drops its cache at once. The TTL is only a safety net.
 *
 * Misses within one event-loop turn are loaded together: after a start or a policy change,
 * every active sender misses at once, and a query each would stall the relay for all of them.
 */
export class RouteCache {
  /** conversation → sender → entry: a hit builds no key string (it runs once per message). */
  private readonly routes = new Map<string, Map<string, { route: Route | null; until: number }>>();
  private size = 0;
  private readonly loading = new Map<string, Pending>();
  private queue: Pending[] = [];
  private generation = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly load: RouteLoader,
    private readonly bus: Bus,
    private readonly clock: Clock,
  ) {
    this.unsubscribe = bus.subscribe(POLICY_TOPIC, () => this.drop());
  }

  get(conversationId: string, senderId: string): Promise<Route | null> | Route | null {
    const hit = this.routes.get(conversationId)?.get(senderId);
    if (hit && this.clock.now() < hit.until) return hit.route;
    const key = `${conversationId}|${senderId}`;
    // A burst from one sender (a reconnect resending its outbox) loads the route once.
    const loading = this.loading.get(key);
    if (loading) return loading.promise;
    let resolve!: Pending['resolve'];
    let reject!: Pending['reject'];
    const promise = new Promise<Route | null>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const pending: Pending = { conversationId, senderId, key, promise, resolve, reject };
    this.loading.set(key, pending);
    if (this.queue.push(pending) === 1) setImmediate(() => void this.flush());
    return promise;
  }

  private async flush(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    const generation = this.generation;
    let routes: (Route | null)[];
    try {
      routes = await this.load(batch);
    } catch (err) {
      for (const p of batch) {
        this.settled(p);
        p.reject(err);
      }
      return;
    }
    const now = this.clock.now();
    batch.forEach((p, i) => {
      const route = routes[i] ?? null;
      // A policy change while loading makes this result stale: answer it, do not cache it.
      if (generation === this.generation) {
        if (this.size >= MAX_ENTRIES) this.clear();
        let senders = this.routes.get(p.conversationId);
        if (!senders) this.routes.set(p.conversationId, (senders = new Map()));
        if (!senders.has(p.senderId)) this.size++;
        senders.set(p.senderId, { route, until: now + TTL_MS + Math.random() * TTL_SPREAD_MS });
      }
      this.settled(p);
      p.resolve(route);
    });
  }

  /** A policy change may have started a newer load for the key meanwhile; keep that one. */
  private settled(p: Pending): void {
    if (this.loading.get(p.key) === p) this.loading.delete(p.key);
  }

  /** Tells every node, this one included, that routes may have narrowed. */
  invalidateEverywhere(): void {
    this.drop();
    this.bus.publish(POLICY_TOPIC, '1');
  }

  private drop(): void {
    this.generation++;
    this.clear();
    this.loading.clear();
  }

  private clear(): void {
    this.routes.clear();
    this.size = 0;
  }

  close(): void {
    this.unsubscribe();
    this.clear();
  }
}
