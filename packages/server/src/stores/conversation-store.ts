import type { Insertable, Selectable } from 'kysely';
import type { DbExecutor } from '../db/database.js';
import type { ConversationTable } from '../db/schema.js';

export type ConversationRow = Selectable<ConversationTable>;

export interface MemberRow {
  conversation_id: string;
  account_id: string;
  public_id: string;
  kind: 'adult' | 'child';
  joined_at: number;
}

/** Conversations and their server-side membership (the accounts; devices follow accounts). */
export class ConversationStore {
  constructor(private readonly db: DbExecutor) {}

  async insert(row: Insertable<ConversationTable>): Promise<void> {
    await this.db.insertInto('conversations').values(row).execute();
  }

  async byId(id: string): Promise<ConversationRow | undefined> {
    return this.db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * Reads the row and, on PostgreSQL, locks it until the transaction ends: membership changes
   * and commits of one conversation are serialized (SQLite serializes every write anyway).
   */
  async lock(id: string, pg: boolean): Promise<ConversationRow | undefined> {
    const q = this.db.selectFrom('conversations').selectAll().where('id', '=', id);
    return (pg ? q.forUpdate() : q).executeTakeFirst();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('conversations').where('id', '=', id).execute();
  }

  /** The epoch compare-and-set: true only for the one writer that saw `fromEpoch`. */
  async advanceEpoch(id: string, fromEpoch: number, groupInfo: string): Promise<boolean> {
    const res = await this.db
      .updateTable('conversations')
      .set({ epoch: fromEpoch + 1, group_info: groupInfo })
      .where('id', '=', id)
      .where('epoch', '=', fromEpoch)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  }

  async addMembers(conversationId: string, accountIds: string[], now: number): Promise<void> {
    if (accountIds.length === 0) return;
    await this.db
      .insertInto('conversation_members')
      .values(
        accountIds.map((a) => ({ conversation_id: conversationId, account_id: a, joined_at: now })),
      )
      .onConflict((oc) => oc.columns(['conversation_id', 'account_id']).doNothing())
      .execute();
  }

  async removeMember(conversationId: string, accountId: string): Promise<boolean> {
    const res = await this.db
      .deleteFrom('conversation_members')
      .where('conversation_id', '=', conversationId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return Number(res.numDeletedRows) === 1;
  }

  async members(conversationIds: readonly string[]): Promise<MemberRow[]> {
    if (conversationIds.length === 0) return [];
    return this.db
      .selectFrom('conversation_members as cm')
      .innerJoin('accounts as a', 'a.id', 'cm.account_id')
      .select(['cm.conversation_id', 'cm.account_id', 'a.public_id', 'a.kind', 'cm.joined_at'])
      .where('cm.conversation_id', 'in', conversationIds)
      .orderBy('cm.joined_at')
      .orderBy('cm.account_id')
      .execute();
  }

  async isMember(conversationId: string, accountId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('conversation_members')
      .select('account_id')
      .where('conversation_id', '=', conversationId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async listFor(accountId: string): Promise<ConversationRow[]> {
    return this.db
      .selectFrom('conversations as c')
      .innerJoin('conversation_members as cm', 'cm.conversation_id', 'c.id')
      .selectAll('c')
      .where('cm.account_id', '=', accountId)
      .orderBy('c.created_at')
      .orderBy('c.id')
      .execute();
  }

  /** Conversations both accounts are members of. */
  async shared(a: string, b: string): Promise<ConversationRow[]> {
    return this.db
      .selectFrom('conversations as c')
      .innerJoin('conversation_members as ma', 'ma.conversation_id', 'c.id')
      .innerJoin('conversation_members as mb', 'mb.conversation_id', 'c.id')
      .selectAll('c')
      .where('ma.account_id', '=', a)
      .where('mb.account_id', '=', b)
      .execute();
  }
}
