import { randomBytes } from 'node:crypto';
import { Database } from '../src/db/database.js';
import { SessionService } from '../src/services/session-service.js';
import { AccountStore } from '../src/stores/account-store.js';
import { ContactStore } from '../src/stores/contact-store.js';
import { systemClock } from '../src/clock.js';
import type { ServerConfig } from '../src/config/config.js';

export interface SeededUser {
  accountId: string;
  token: string;
}

const DEVICE = {
  os: 'bench',
  model: 'bench',
  appVersion: '0.1.0',
  language: 'en',
  timezone: 'UTC',
  permissions: { camera: 'unknown', microphone: 'unknown', photos: 'unknown' },
} as const;

/**
 * Writes `users` adult accounts with one session each, pairs (u0,u1), (u2,u3)… as contacts,
 * and one conversation per pair, straight into the database before the server starts: the
 * workload measures the relay, not sign-up, and 1,000 SMS round trips would only add noise.
 * Tokens are made with the same key the server is given, so they are real sessions.
 */
export async function seed(
  database: ServerConfig['database'],
  tokenKey: Buffer,
  users: number,
): Promise<{ users: SeededUser[]; conversations: string[] }> {
  const db = Database.connect(database);
  await db.migrateToLatest();
  const sessions = new SessionService(db, systemClock, tokenKey);
  const now = Date.now();
  const out: SeededUser[] = [];
  const conversations: string[] = [];
  await db.transaction(async (tx) => {
    const accounts = new AccountStore(tx);
    for (let i = 0; i < users; i++) {
      const id = `bench-${i}-${randomBytes(4).toString('hex')}`;
      await accounts.insert({
        id,
        kind: 'adult',
        public_id: randomBytes(6).toString('hex').toUpperCase().slice(0, 9),
        display_name: `U${i}`,
        avatar_builtin: 'owl',
        avatar_blob_id: null,
        phone_e164: null,
        country: null,
        gender: null,
        birthday: null,
        self_friending: 0,
        status: 'active',
        created_at: now,
        updated_at: now,
      });
      const s = await sessions.open(tx, id, DEVICE, '127.0.0.1');
      out.push({ accountId: id, token: s.token });
    }
    const contacts = new ContactStore(tx);
    for (let i = 0; i + 1 < users; i += 2) {
      const a = out[i]!.accountId;
      const b = out[i + 1]!.accountId;
      await contacts.addApprovedPair(a, b, now);
      const conv = `bench-conv-${i / 2}`;
      await tx
        .insertInto('conversations')
        .values({
          id: conv,
          kind: 'direct',
          epoch: 1,
          group_info: null,
          created_by: a,
          created_at: now,
        })
        .execute();
      await tx
        .insertInto('conversation_members')
        .values([
          { conversation_id: conv, account_id: a, joined_at: now },
          { conversation_id: conv, account_id: b, joined_at: now },
        ])
        .execute();
      conversations.push(conv);
    }
  });
  await db.close();
  return { users: out, conversations };
}
