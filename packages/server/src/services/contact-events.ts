/**
 * What other parts of the server must hear when contacts change. Removing or blocking a
 * contact must end delivery between the two at once, in both directions (issue 4): the relay
 * drops queued entries and the conversation service enforces removal from shared groups.
 */
export interface ContactListener {
  approved?(a: string, b: string): Promise<void>;
  /** Removal, block, or a guardian revoking an approval: the pair may no longer interact. */
  severed?(a: string, b: string): Promise<void>;
}

export class ContactEvents {
  private readonly listeners: ContactListener[] = [];

  on(listener: ContactListener): void {
    this.listeners.push(listener);
  }

  async approved(a: string, b: string): Promise<void> {
    for (const l of this.listeners) await l.approved?.(a, b);
  }

  async severed(a: string, b: string): Promise<void> {
    for (const l of this.listeners) await l.severed?.(a, b);
  }
}
