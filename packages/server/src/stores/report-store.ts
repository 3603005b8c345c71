import type { Insertable, Selectable } from 'kysely';
import type { DbExecutor } from '../db/database.js';
import type { ReportTable, SupportRequestTable } from '../db/schema.js';

export type ReportRow = Selectable<ReportTable>;
export type SupportRequestRow = Selectable<SupportRequestTable>;

/** Abuse reports (P13, P26, P27). */
export class ReportStore {
  constructor(private readonly db: DbExecutor) {}

  async insert(row: Insertable<ReportTable>): Promise<void> {
    await this.db.insertInto('reports').values(row).execute();
  }

  async byReporter(reporterId: string): Promise<ReportRow[]> {
    return this.db
      .selectFrom('reports')
      .selectAll()
      .where('reporter_id', '=', reporterId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
  }
}

/** Support and feedback requests (P10, P33). */
export class SupportRequestStore {
  constructor(private readonly db: DbExecutor) {}

  async insert(row: Insertable<SupportRequestTable>): Promise<void> {
    await this.db.insertInto('support_requests').values(row).execute();
  }

  async byAccount(accountId: string): Promise<SupportRequestRow[]> {
    return this.db
      .selectFrom('support_requests')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
  }

  async deleteForAccount(accountId: string): Promise<void> {
    await this.db.deleteFrom('support_requests').where('account_id', '=', accountId).execute();
  }
}
