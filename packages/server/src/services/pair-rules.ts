import type { DbExecutor } from '../db/database.js';

export interface Party {
  id: string;
  kind: 'adult' | 'child';
}

/**
 * The contacts and blocks among a set of accounts, read in two queries so a 50-member check
 * costs no more than a 2-member one. With `lockRows` (PostgreSQL) the contact rows read stay
 * locked until the transaction ends, so a revocation that deletes them waits for this
 * membership change to commit and then sees (and enforces against) the new member.
 */
export class PairGraph {
  private constructor(
    private readonly contacts: Set<string>,
    private readonly blocks: Set<string>,
  ) {}

  static async load(db: DbExecutor, ids: readonly string[], lockRows: boolean): Promise<PairGraph> {
    if (ids.length === 0) return new PairGraph(new Set(), new Set());
    const cq = db
      .selectFrom('contacts')
      .select(['owner_id', 'contact_id'])
      .where('owner_id', 'in', ids)
      .where('contact_id', 'in', ids);
    const contacts = await (lockRows ? cq.forShare() : cq).execute();
    const blocks = await db
      .selectFrom('blocks')
      .select(['blocker_id', 'blocked_id'])
      .where('blocker_id', 'in', ids)
      .where('blocked_id', 'in', ids)
      .execute();
    return new PairGraph(
      new Set(contacts.map((c) => `${c.owner_id}|${c.contact_id}`)),
      new Set(blocks.map((b) => `${b.blocker_id}|${b.blocked_id}`)),
    );
  }

  blocked(a: string, b: string): boolean {
    return this.blocks.has(`${a}|${b}`) || this.blocks.has(`${b}|${a}`);
  }

  approved(a: string, b: string): boolean {
    return this.contacts.has(`${a}|${b}`) && this.contacts.has(`${b}|${a}`) && !this.blocked(a, b);
  }

  /** Issue 4's invariant: a pair that includes a child must be approved contacts. */
  childSafe(a: Party, b: Party): boolean {
    if (a.kind === 'adult' && b.kind === 'adult') return true;
    return this.approved(a.id, b.id);
  }

  /** What the one adding someone needs with that person: child-safe, and no block either way. */
  mayInvite(actor: Party, target: Party): boolean {
    return this.childSafe(actor, target) && !this.blocked(actor.id, target.id);
  }
}
