import type { DbExecutor } from '../db/database.js';
import type { AccountRow } from './account-store.js';

export type BlockedAccount = AccountRow & { blockedAt: number };

/** Blocks are one-way rows; either direction stops a pair from interacting. */
export class BlockStore {
  constructor(private readonly db: DbExecutor) {}

  async add(blockerId: string, blockedId: string, now: number): Promise<void> {
    await this.db
      .insertInto('blocks')
      .values({ blocker_id: blockerId, blocked_id: blockedId, created_at: now })
      .onConflict((oc) => oc.columns(['blocker_id', 'blocked_id']).doNothing())
      .execute();
  }

  async remove(blockerId: string, blockedId: string): Promise<boolean> {
    const res = await this.db
      .deleteFrom('blocks')
      .where('blocker_id', '=', blockerId)
      .where('blocked_id', '=', blockedId)
      .executeTakeFirst();
    return Number(res.numDeletedRows) > 0;
  }

  async blocks(blockerId: string, blockedId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('blocks')
      .select('created_at')
      .where('blocker_id', '=', blockerId)
      .where('blocked_id', '=', blockedId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async eitherWay(a: string, b: string): Promise<boolean> {
    return (await this.blocks(a, b)) || (await this.blocks(b, a));
  }

  async blockedBy(blockerId: string): Promise<BlockedAccount[]> {
    return this.db
      .selectFrom('blocks')
      .innerJoin('accounts', 'accounts.id', 'blocks.blocked_id')
      .selectAll('accounts')
      .select('blocks.created_at as blockedAt')
      .where('blocks.blocker_id', '=', blockerId)
      .orderBy('blocks.created_at')
      .orderBy('accounts.public_id')
      .execute();
  }
}
