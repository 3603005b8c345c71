import type { PresenceFrame } from '@kidtalk/protocol';
import type { Bus } from '../bus/bus.js';
import type { Database } from '../db/database.js';
import type { PresenceTracker } from '../presence/presence-tracker.js';
import { ContactStore } from '../stores/contact-store.js';
import type { Connection } from './connection.js';

export const accountTopic = (accountId: string) => `acct:${accountId}`;

/**
 * Online status reaches approved contacts only (P20): a non-contact learns nothing. Every
 * socket counts once; a device replacing its own socket goes 1 → 2 → 1 and nobody hears a
 * flap.
 */
export class PresenceService {
  constructor(
    private readonly db: Database,
    private readonly bus: Bus,
    private readonly tracker: PresenceTracker,
  ) {}

  async online(c: Connection): Promise<void> {
    const accountId = c.auth!.accountId;
    c.counted = true;
    const becameOnline = await this.tracker.connected(accountId);
    const contacts = await new ContactStore(this.db.db).contactsOf(accountId);
    if (becameOnline) this.announce(c.publicId, contacts, true);
    // Tell the new socket who among its contacts is online right now.
    const states = await Promise.all(contacts.map((id) => this.tracker.isOnline(id)));
    const ids = contacts.filter((_, i) => states[i]);
    if (ids.length === 0) return;
    const rows = await this.db.db
      .selectFrom('accounts')
      .select('public_id')
      .where('id', 'in', ids)
      .execute();
    for (const r of rows) c.send({ t: 'presence', who: r.public_id, online: true });
  }

  async offline(c: Connection): Promise<void> {
    if (!c.counted) return;
    c.counted = false;
    const accountId = c.auth!.accountId;
    if (await this.tracker.disconnected(accountId)) {
      const contacts = await new ContactStore(this.db.db).contactsOf(accountId);
      this.announce(c.publicId, contacts, false);
    }
  }

  /**
   * Accounts whose sockets all lived on a node that died: nobody disconnected them, so their
   * contacts are told here, by whichever node reaped the dead one.
   */
  async expired(accountIds: string[]): Promise<void> {
    const rows = await this.db.db
      .selectFrom('accounts')
      .select(['id', 'public_id'])
      .where('id', 'in', accountIds)
      .execute();
    const contacts = new ContactStore(this.db.db);
    for (const r of rows) this.announce(r.public_id, await contacts.contactsOf(r.id), false);
  }

  isOnline(accountId: string): Promise<boolean> {
    return this.tracker.isOnline(accountId);
  }

  private announce(who: string, contacts: string[], online: boolean): void {
    const frame: PresenceFrame = { t: 'presence', who, online };
    const payload = JSON.stringify(frame);
    for (const id of contacts) this.bus.publish(accountTopic(id), payload);
  }
}
