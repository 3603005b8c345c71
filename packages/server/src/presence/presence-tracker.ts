/**
 * Counts each account's connected devices across all nodes. Transitions (first device on,
 * last device off) are what contacts hear about.
 */
export interface PresenceTracker {
  /** True when this connection made the account online. */
  connected(accountId: string): Promise<boolean>;
  /** True when this disconnection made the account offline. */
  disconnected(accountId: string): Promise<boolean>;
  isOnline(accountId: string): Promise<boolean>;
}

export class MemoryPresenceTracker implements PresenceTracker {
  private readonly counts = new Map<string, number>();

  async connected(accountId: string): Promise<boolean> {
    const n = (this.counts.get(accountId) ?? 0) + 1;
    this.counts.set(accountId, n);
    return n === 1;
  }

  async disconnected(accountId: string): Promise<boolean> {
    const n = (this.counts.get(accountId) ?? 0) - 1;
    if (n <= 0) this.counts.delete(accountId);
    else this.counts.set(accountId, n);
    return n <= 0;
  }

  async isOnline(accountId: string): Promise<boolean> {
    return (this.counts.get(accountId) ?? 0) > 0;
  }
}
