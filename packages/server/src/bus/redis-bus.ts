import { Redis } from 'ioredis';
import type { Bus, BusHandler } from './bus.js';

/**
 * Redis pub/sub. One connection publishes (auto-pipelined, so a burst of wake-ups costs one
 * round trip), one subscribes; local handlers are looked up per topic as on MemoryBus.
 */
export class RedisBus implements Bus {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly topics = new Map<string, Set<BusHandler>>();

  constructor(
    url: string,
    private readonly prefix = 'kidtalk:bus:',
  ) {
    this.pub = new Redis(url, { enableAutoPipelining: true, maxRetriesPerRequest: 2 });
    // No ready check on the subscriber: ioredis writes SUBSCRIBE as soon as the socket is
    // connected, and the ready check's INFO then fails in subscriber mode; ioredis reconnects
    // and the subscription is silently gone (a node never heard 'policy' invalidations).
    this.sub = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: false });
    this.sub.on('message', (channel: string, payload: string) => {
      const handlers = this.topics.get(channel.slice(this.prefix.length));
      if (handlers) for (const h of handlers) h(payload);
    });
  }

  publish(topic: string, payload: string): void {
    void this.pub.publish(this.prefix + topic, payload).catch(() => undefined);
  }

  subscribe(topic: string, handler: BusHandler): () => void {
    let set = this.topics.get(topic);
    if (!set) {
      this.topics.set(topic, (set = new Set()));
      void this.sub.subscribe(this.prefix + topic).catch(() => undefined);
    }
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size === 0) {
        this.topics.delete(topic);
        void this.sub.unsubscribe(this.prefix + topic).catch(() => undefined);
      }
    };
  }

  /** Resolves once the subscriber connection is ready, so tests can publish right after. */
  async ready(): Promise<void> {
    if (this.sub.status !== 'ready') await new Promise((r) => this.sub.once('ready', r));
  }

  async close(): Promise<void> {
    this.topics.clear();
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}
