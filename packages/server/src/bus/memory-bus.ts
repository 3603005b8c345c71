import type { Bus, BusHandler } from './bus.js';

export class MemoryBus implements Bus {
  private readonly topics = new Map<string, Set<BusHandler>>();

  publish(topic: string, payload: string): void {
    const handlers = this.topics.get(topic);
    if (!handlers) return;
    for (const h of handlers) h(payload);
  }

  subscribe(topic: string, handler: BusHandler): () => void {
    let set = this.topics.get(topic);
    if (!set) this.topics.set(topic, (set = new Set()));
    set.add(handler);
    return () => {
      set.delete(handler);
      if (set.size === 0) this.topics.delete(topic);
    };
  }

  async close(): Promise<void> {
    this.topics.clear();
  }
}
