import { randomBytes } from 'node:crypto';
import type { DatabaseSchema } from '../../src/db/schema.js';
import type { Harness } from './harness.js';

/** Makes two accounts approved contacts through the real store. */
export async function befriend(h: Harness, a: string, b: string): Promise<void> {
  const { ContactStore } = await import('../../src/stores/contact-store.js');
  await new ContactStore(h.ctx.db.db).addApprovedPair(a, b, h.clock.now());
}

/**
 * A conversation record with these members, as the delivery service would hold it once the
 * creator's first commit is in; the relay only needs the server-side membership.
 */
export async function conversationOf(h: Harness, members: string[]): Promise<string> {
  const id = randomBytes(12).toString('base64url');
  const now = h.clock.now();
  await h.ctx.db.db
    .insertInto('conversations')
    .values({
      id,
      kind: members.length === 2 ? 'direct' : 'group',
      epoch: 1,
      group_info: null,
      created_by: members[0]!,
      created_at: now,
    })
    .execute();
  await h.ctx.db.db
    .insertInto('conversation_members')
    .values(members.map((account_id) => ({ conversation_id: id, account_id, joined_at: now })))
    .execute();
  return id;
}

let n = 0;
/** A send frame with a fresh clientMsgId and a well-formed 32-byte franking tag. */
export function sendFrame(conv: string, extra: Record<string, unknown> = {}) {
  n++;
  return {
    t: 'send',
    id: `m-${process.pid}-${n}-${randomBytes(4).toString('hex')}`,
    conv,
    epoch: 1,
    body: randomBytes(340).toString('base64url'),
    frank: randomBytes(32).toString('base64url'),
    ...extra,
  };
}

/** How many rows a table holds right now (the mailbox, to prove delivery deletes). */
export async function rowCount(h: Harness, table: keyof DatabaseSchema): Promise<number> {
  const row = await h.ctx.db.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
