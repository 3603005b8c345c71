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
 * What a widening changed: the routes these accounts send on (a contact approved between them),
 * the routes that deliver to these accounts (a device of theirs signed in), or every route of
 * these conversations (created, or members added).
 */
export interface Widening {
  senders?: string[];
  members?: string[];
  conversations?: string[];
}

/**
 * Authorizing every message against the database would cost more than relaying it, so routes
 * are cached. Every change to who may talk to whom publishes on the policy topic once
 * committed, and every node drops what it changed at once. The TTL is only a safety net.
 * - Anything that narrows a route (a contact severed or blocked, a member removed, a device
 *   revoked) drops every route on every node: a narrowing can come with others (a severed pair
 *   also takes a child out of groups), and a route kept by mistake would deliver where it must
 *   not.
 * - A widening drops only the routes it can widen, because widenings are the frequent ones (a
 *   sign-in anywhere used to empty every node's cache): a route for (conversation, sender)
 *   depends only on that conversation's members, the pairs (sender, member) and its members'
 *   devices (ConversationPolicy), so an approval between a and b widens only routes a or b
 *   send on, a new device of a only routes that list a, and new members only their
 *   conversation's routes.
 *
 * Misses within one event-loop turn are loaded together: after a start or a policy change,
 * every active sender misses at once, and a query each would stall the relay for all of them.
 */
export class RouteCache {
  /** conversation → sender → entry: a hit builds no key string (it runs once per message). */
  private readonly routes = new Map<string, Map<string, { route: Route | null; until: number }>>();
  private size = 0;
  /** sender → conversations, and member account → (conversation, sender): what a widening finds. */
  private readonly bySender = new Map<string, Set<string>>();
  private readonly byMember = new Map<string, Set<string>>();
  private readonly loading = new Map<string, Pending>();
  private queue: Pending[] = [];
  private generation = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly load: RouteLoader,
    private readonly bus: Bus,
    private readonly clock: Clock,
  ) {
    this.unsubscribe = bus.subscribe(POLICY_TOPIC, (payload) => {
      const widening = parseWidening(payload);
      if (widening) this.dropWidened(widening);
      else this.drop();
    });
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
        this.remove(p.conversationId, p.senderId);
        let senders = this.routes.get(p.conversationId);
        if (!senders) this.routes.set(p.conversationId, (senders = new Map()));
        this.size++;
        senders.set(p.senderId, { route, until: now + TTL_MS + Math.random() * TTL_SPREAD_MS });
        index(this.bySender, p.senderId, p.conversationId);
        for (const a of route?.accountIds ?? []) index(this.byMember, a, p.key);
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

  /** Tells every node, this one included, that these routes may have widened. */
  widenEverywhere(widening: Widening): void {
    this.dropWidened(widening);
    this.bus.publish(POLICY_TOPIC, JSON.stringify(widening));
  }

  private drop(): void {
    this.generation++;
    this.clear();
    this.loading.clear();
  }

  private dropWidened(w: Widening): void {
    // A load under way may have read the tables before the change: it is answered, not cached.
    this.generation++;
    this.loading.clear();
    for (const sender of w.senders ?? [])
      for (const conversationId of this.bySender.get(sender) ?? [])
        this.remove(conversationId, sender);
    for (const conversationId of w.conversations ?? [])
      for (const sender of [...(this.routes.get(conversationId)?.keys() ?? [])])
        this.remove(conversationId, sender);
    for (const member of w.members ?? [])
      for (const key of this.byMember.get(member) ?? []) {
        // Account IDs are the server's own and hold no '|'; a conversation ID might.
        const cut = key.lastIndexOf('|');
        this.remove(key.slice(0, cut), key.slice(cut + 1));
      }
  }

  /** Forgets one entry and its index references. */
  private remove(conversationId: string, senderId: string): void {
    const senders = this.routes.get(conversationId);
    const entry = senders?.get(senderId);
    if (!senders || !entry) return;
    senders.delete(senderId);
    if (senders.size === 0) this.routes.delete(conversationId);
    this.size--;
    unindex(this.bySender, senderId, conversationId);
    const key = `${conversationId}|${senderId}`;
    for (const a of entry.route?.accountIds ?? []) unindex(this.byMember, a, key);
  }

  private clear(): void {
    this.routes.clear();
    this.bySender.clear();
    this.byMember.clear();
    this.size = 0;
  }

  close(): void {
    this.unsubscribe();
    this.clear();
  }
}

function index(map: Map<string, Set<string>>, key: string, value: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

function unindex(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set?.delete(value) && set.size === 0) map.delete(key);
}

/** A widening as published; anything else on the topic (`1`, or garbage) drops every route. */
export function parseWidening(payload: string): Widening | null {
  let v: unknown;
  try {
    v = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const { senders, members, conversations, ...rest } = v as Record<string, unknown>;
  const ids = (x: unknown) =>
    x === undefined || (Array.isArray(x) && x.every((i) => typeof i === 'string'));
  if (Object.keys(rest).length > 0 || ![senders, members, conversations].every(ids)) return null;
  return v as Widening;
}
