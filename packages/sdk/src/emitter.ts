/** A minimal typed event emitter that runs the same in browsers and Node. */
export class Emitter<Events extends object> {
  private readonly handlers = new Map<keyof Events, Set<(e: never) => void>>();

  /** Returns a function that removes the handler. */
  on<K extends keyof Events>(event: K, handler: (e: Events[K]) => void): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler as (e: never) => void);
    return () => this.off(event, handler);
  }

  off<K extends keyof Events>(event: K, handler: (e: Events[K]) => void): void {
    this.handlers.get(event)?.delete(handler as (e: never) => void);
  }

  /** Resolves with the first event that matches, or rejects after `timeoutMs`. */
  once<K extends keyof Events>(
    event: K,
    pred: (e: Events[K]) => boolean = () => true,
    timeoutMs = 30_000,
  ): Promise<Events[K]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`timed out waiting for ${String(event)}`));
      }, timeoutMs);
      const off = this.on(event, (e) => {
        if (!pred(e)) return;
        clearTimeout(timer);
        off();
        resolve(e);
      });
    });
  }

  protected emit<K extends keyof Events>(event: K, e: Events[K]): void {
    for (const h of [...(this.handlers.get(event) ?? [])]) {
      try {
        (h as (e: Events[K]) => void)(e);
      } catch {
        // A throwing handler must not break delivery to the others or the receive loop.
      }
    }
  }
}
