import type { Kysely } from 'kysely';

/**
 * Consent is evidence the service must be able to show for as long as the child's account it
 * covers exists. A guardian's `consents` rows go with their account (P23), so when a guardian
 * deletes themselves while a co-guardian keeps the child, the rows about that child are kept
 * here, stripped of everything about the adult: no guardian ID, no phone number. They go with
 * the child's account.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('consent_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('child_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('granted', 'integer', (c) => c.notNull())
    .addColumn('policy_version', 'text', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('withdrawn_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consent_evidence_child_idx')
    .on('consent_evidence')
    .column('child_id')
    .execute();
}
