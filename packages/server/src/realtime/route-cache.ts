import type { Bus } from '../bus/bus.js';
import type { Clock } from '../clock.js';

export interface Route {
  /** Every device that gets this sender's traffic in this conversation, its own excluded later. */
  deviceIds: string[];
  /** The accounts behind those devices, for interaction counts. */
  accountIds: string[];
}

export type RouteLoader = (conversationId: string, senderId: string) => Promise<Route | null>;

export const POLICY_TOPIC = 'policy';
const TTL_MS = 10_000;
const MAX_ENTRIES = 100_000;

/**
 * Authorizing every message against the database would cost more than relaying it, so routes
 * are cached. Every change to who may talk to whom (a contact approved, severed or blocked; a
 * member added or removed; a device signed in or revoked) publishes on the policy topic once
 * committed, and every node drops its cache at once. The TTL is only a safety net.
 */
export class RouteCache {
  private readonly routes = new Map<string, { route: Route | null; at: number }>();
  private readonly loading = new Map<string, Promise<Route | null>>();
  private generation = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly load: RouteLoader,
    private readonly bus: Bus,
    private readonly clock: Clock,
  ) {
    this.unsubscribe = bus.subscribe(POLICY_TOPIC, () => this.drop());
  }

  async get(conversationId: string, senderId: string): Promise<Route | null> {
    const key = `${conversationId}|${senderId}`;
    const now = this.clock.now();
    const hit = this.routes.get(key);
    if (hit && now - hit.at < TTL_MS) return hit.route;
    // A burst from one sender (a reconnect resending its outbox) loads the route once.
    let loading = this.loading.get(key);
    if (!loading) {
      const generation = this.generation;
      const mine: Promise<Route | null> = this.load(conversationId, senderId).finally(() => {
        // A policy change may have started a newer load for the key meanwhile; keep that one.
        if (this.loading.get(key) === mine) this.loading.delete(key);
      });
      loading = mine;
      this.loading.set(key, loading);
      void loading.then(
        (route) => {
          // A policy change while loading makes this result stale: do not cache it.
          if (generation !== this.generation) return;
          if (this.routes.size >= MAX_ENTRIES) this.routes.clear();
          this.routes.set(key, { route, at: now });
        },
        () => undefined,
      );
    }
    return loading;
  }

  /** Tells every node, this one included, that routes may have narrowed. */
  invalidateEverywhere(): void {
    this.drop();
    this.bus.publish(POLICY_TOPIC, '1');
  }

  private drop(): void {
    this.generation++;
    this.routes.clear();
    this.loading.clear();
  }

  close(): void {
    this.unsubscribe();
    this.routes.clear();
  }
}
