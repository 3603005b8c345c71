import type { CreateSupportBody, SupportRequestView } from '@kidtalk/protocol';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { invalid } from '../errors.js';
import { newId } from '../security/tokens.js';
import type { SupportRequestRow } from '../stores/report-store.js';
import { SupportRequestStore } from '../stores/report-store.js';
import { addWorkingDays } from './working-days.js';

/** Support requests are answered within 15 working days (P33). */
export const SUPPORT_DUE_WORKING_DAYS = 15;

// One @, a dot in the domain, no spaces or control characters: enough to catch a typo; the
// address is only ever used to write back to the person who gave it.
const EMAIL = /^[^\s@\p{Cc}]{1,64}@[^\s@\p{Cc}]+\.[^\s@\p{Cc}]{2,}$/u;

/** Support and feedback requests, stored and tracked (P10). */
export class SupportService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async create(accountId: string, body: CreateSupportBody): Promise<SupportRequestView> {
    const email = body.contactEmail?.trim();
    if (email !== undefined && !EMAIL.test(email)) throw invalid('contactEmail is not an address');
    if (body.body.trim() === '') throw invalid('body is empty');
    const now = this.clock.now();
    const row: SupportRequestRow = {
      id: newId(),
      account_id: accountId,
      contact_email: email ?? null,
      body: body.body,
      status: 'open',
      due_at: addWorkingDays(now, SUPPORT_DUE_WORKING_DAYS),
      created_at: now,
    };
    await new SupportRequestStore(this.db.db).insert(row);
    return toView(row);
  }

  async list(accountId: string): Promise<SupportRequestView[]> {
    return (await new SupportRequestStore(this.db.db).byAccount(accountId)).map(toView);
  }
}

function toView(r: SupportRequestRow): SupportRequestView {
  return {
    id: r.id,
    status: r.status,
    contactEmail: r.contact_email,
    createdAt: r.created_at,
    dueAt: r.due_at,
  };
}
