import type { Insertable, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { DbExecutor } from '../db/database.js';
import type { ConsentTable } from '../db/schema.js';

export type ConsentRow = Selectable<ConsentTable>;

/** What outlives a guardian's account as evidence of a consent: no guardian ID, no phone. */
export const CONSENT_EVIDENCE_COLUMNS = [
  'id',
  'child_id',
  'purpose',
  'granted',
  'policy_version',
  'used_at',
  'created_at',
] as const;

export class ConsentStore {
  constructor(private readonly db: DbExecutor) {}

  async insert(row: Insertable<ConsentTable>): Promise<void> {
    await this.db.insertInto('consents').values(row).execute();
  }

  async byId(id: string): Promise<ConsentRow | undefined> {
    return this.db.selectFrom('consents').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Marks an account-creation consent as spent; false if someone else spent it first. */
  async markUsed(id: string, childId: string, now: number): Promise<boolean> {
    const res = await this.db
      .updateTable('consents')
      .set({ used_at: now, child_id: childId })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async listForGuardian(guardianId: string): Promise<ConsentRow[]> {
    return this.db
      .selectFrom('consents')
      .selectAll()
      .where('guardian_id', '=', guardianId)
      .orderBy('created_at', 'desc')
      .execute();
  }

  /**
   * Before a guardian's account goes: copies their consents about a child (who outlives them,
   * or the row would be gone already) without the guardian's ID or phone number, marked
   * withdrawn now, since deleting an account withdraws every consent (P25).
   */
  async keepEvidenceOf(guardianId: string, now: number): Promise<void> {
    await this.db
      .insertInto('consent_evidence')
      .columns([...CONSENT_EVIDENCE_COLUMNS, 'withdrawn_at'])
      .expression(
        this.db
          .selectFrom('consents')
          .select([
            ...CONSENT_EVIDENCE_COLUMNS,
            // Typed, so PostgreSQL need not guess the parameter's type in a select list.
            sql<number>`cast(${now} as bigint)`.as('withdrawn_at'),
          ])
          .where('guardian_id', '=', guardianId)
          .where('child_id', 'is not', null),
      )
      .execute();
  }
}
