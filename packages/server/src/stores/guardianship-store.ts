import type { Selectable } from 'kysely';
import type { DbExecutor } from '../db/database.js';
import type { AccountTable, GuardianshipTable } from '../db/schema.js';

export class GuardianshipStore {
  constructor(private readonly db: DbExecutor) {}

  async add(childId: string, guardianId: string, role: GuardianshipTable['role'], now: number) {
    await this.db
      .insertInto('guardianships')
      .values({ child_id: childId, guardian_id: guardianId, role, created_at: now })
      .execute();
  }

  async isGuardian(guardianId: string, childId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('guardianships')
      .select('child_id')
      .where('guardian_id', '=', guardianId)
      .where('child_id', '=', childId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async childrenOf(guardianId: string): Promise<Selectable<AccountTable>[]> {
    return this.db
      .selectFrom('guardianships')
      .innerJoin('accounts', 'accounts.id', 'guardianships.child_id')
      .selectAll('accounts')
      .where('guardianships.guardian_id', '=', guardianId)
      .orderBy('accounts.created_at')
      .execute();
  }

  async guardiansOf(childId: string) {
    return this.db
      .selectFrom('guardianships')
      .innerJoin('accounts', 'accounts.id', 'guardianships.guardian_id')
      .select([
        'accounts.id as id',
        'accounts.display_name as displayName',
        'guardianships.role as role',
        'guardianships.created_at as since',
      ])
      .where('guardianships.child_id', '=', childId)
      .orderBy('guardianships.created_at')
      .execute();
  }
}
