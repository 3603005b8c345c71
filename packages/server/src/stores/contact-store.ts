import type { DbExecutor } from '../db/database.js';

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
    const rows = await this.db
      .selectFrom('contacts')
      .select('contact_id')
      .where('owner_id', '=', accountId)
      .execute();
    return rows.map((r) => r.contact_id);
  }
}
