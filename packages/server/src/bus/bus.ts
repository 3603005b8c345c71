/**
 * Node-to-node signalling: delivery wake-ups, presence and cache invalidation. Payloads are
 * small JSON strings and never plaintext content. MemoryBus serves one node; RedisBus lets
 * several nodes share one PostgreSQL and reach each other's sockets.
 */
export type BusHandler = (payload: string) => void;

export interface Bus {
  publish(topic: string, payload: string): void;
  /** Returns the function that unsubscribes this handler. */
  subscribe(topic: string, handler: BusHandler): () => void;
  close(): Promise<void>;
}
