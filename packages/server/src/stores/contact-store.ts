import type { DbExecutor } from '../db/database.js';
import { reusableQuery } from '../db/reusable-query.js';
import type { AccountRow } from './account-store.js';

export type ContactWithAccount = AccountRow & { since: number };

const contactsOf = reusableQuery((db, accountId: string) =>
  db.selectFrom('contacts').select('contact_id').where('owner_id', '=', accountId),
);

/** Contact edges are directional rows; an approved friendship is a row each way. */
export class ContactStore {
  constructor(private readonly db: DbExecutor) {}

  async addApprovedPair(a: string, b: string, now: number): Promise<void> {
    await this.db
      .insertInto('contacts')
      .values([
        { owner_id: a, contact_id: b, created_at: now },
        { owner_id: b, contact_id: a, created_at: now },
      ])
      .onConflict((oc) => oc.columns(['owner_id', 'contact_id']).doNothing())
      .execute();
  }

  async removePair(a: string, b: string): Promise<void> {
    await this.db
      .deleteFrom('contacts')
      .where((eb) =>
        eb.or([
          eb.and([eb('owner_id', '=', a), eb('contact_id', '=', b)]),
          eb.and([eb('owner_id', '=', b), eb('contact_id', '=', a)]),
        ]),
      )
      .execute();
  }

  /** Approved both ways and blocked by neither: the only pairs that may interact. */
  async areApprovedContacts(a: string, b: string): Promise<boolean> {
    const rows = await this.db
      .selectFrom('contacts')
      .select('owner_id')
      .where((eb) =>
        eb.or([
          eb.and([eb('owner_id', '=', a), eb('contact_id', '=', b)]),
          eb.and([eb('owner_id', '=', b), eb('contact_id', '=', a)]),
        ]),
      )
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('blocks')
              .select('blocker_id')
              .where((b2) =>
                b2.or([
                  b2.and([b2('blocker_id', '=', a), b2('blocked_id', '=', b)]),
                  b2.and([b2('blocker_id', '=', b), b2('blocked_id', '=', a)]),
                ]),
              ),
          ),
        ),
      )
      .execute();
    return rows.length === 2;
  }

  async contactsOf(accountId: string): Promise<string[]> {
    return (await contactsOf(this.db, accountId)).map((r) => r.contact_id);
  }

  /**
   * The accounts someone may interact with, with when each became a contact: the same rule
   * as `areApprovedContacts` (both rows, no block either way), and only active accounts.
   */
  async approvedContactsOf(accountId: string): Promise<ContactWithAccount[]> {
    return this.db
      .selectFrom('contacts as mine')
      .innerJoin('contacts as theirs', (j) =>
        j
          .onRef('theirs.owner_id', '=', 'mine.contact_id')
          .onRef('theirs.contact_id', '=', 'mine.owner_id'),
      )
      .innerJoin('accounts', 'accounts.id', 'mine.contact_id')
      .selectAll('accounts')
      .select('mine.created_at as since')
      .where('mine.owner_id', '=', accountId)
      .where('accounts.status', '=', 'active')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('blocks')
              .select('blocker_id')
              .where((b) =>
                b.or([
                  b.and([
                    b('blocker_id', '=', accountId),
                    b('blocked_id', '=', b.ref('mine.contact_id')),
                  ]),
                  b.and([
                    b('blocker_id', '=', b.ref('mine.contact_id')),
                    b('blocked_id', '=', accountId),
                  ]),
                ]),
              ),
          ),
        ),
      )
      .orderBy('mine.created_at')
      .orderBy('accounts.public_id')
      .execute();
  }
}
