import type { DbExecutor } from '../db/database.js';

/** Contact edges are directional rows; an approved friendship is a row each way. */
export class ContactStore {
  constructor(private readonly db: DbExecutor) {}

  async addApprovedPair(a: string, b: string, now: number): Promise<void> {
    await this.db
      .insertInto('contacts')
      .values([
        { owner_id: a, contact_id: b, status: 'approved', created_at: now },
        { owner_id: b, contact_id: a, status: 'approved', created_at: now },
      ])
      .execute();
  }

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
      .where('status', '=', 'approved')
      .execute();
    return rows.length === 2;
  }
}
