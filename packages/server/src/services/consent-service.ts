import type { ConsentView, GiveConsentBody } from '@kidtalk/protocol';
import { ErrorCode } from '@kidtalk/protocol';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { DomainError, invalid } from '../errors.js';
import { newId } from '../security/tokens.js';
import { AccountStore } from '../stores/account-store.js';
import type { ConsentRow } from '../stores/consent-store.js';
import { ConsentStore } from '../stores/consent-store.js';
import type { AuthContext } from './auth-context.js';
import type { ParentalAuthorizer } from './parental-authorizer.js';

export class ConsentService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly parental: ParentalAuthorizer,
    private readonly policyVersion: string,
  ) {}

  /** Each call appends to the history; the newest row for a purpose is the one in force. */
  async give(auth: AuthContext, body: GiveConsentBody): Promise<ConsentView> {
    if (auth.kind !== 'adult')
      throw new DomainError(ErrorCode.Forbidden, 'only a guardian can consent');
    if (body.policyVersion !== this.policyVersion) {
      throw invalid(`consent must be to the current policy version ${this.policyVersion}`);
    }
    if (body.purpose === 'child_account' && body.childId) {
      throw invalid('child_account consent comes before the child exists');
    }
    if (body.childId) await this.parental.assertGuardian(auth, body.childId);
    const account = await new AccountStore(this.db.db).byId(auth.accountId);
    if (!account?.phone_e164)
      throw new DomainError(ErrorCode.Forbidden, 'a verified phone is required');
    const row: ConsentRow = {
      id: newId(),
      guardian_id: auth.accountId,
      child_id: body.childId ?? null,
      purpose: body.purpose,
      granted: body.granted ? 1 : 0,
      policy_version: body.policyVersion,
      verified_phone_e164: account.phone_e164,
      used_at: null,
      created_at: this.clock.now(),
    };
    await new ConsentStore(this.db.db).insert(row);
    return toView(row);
  }

  async list(auth: AuthContext): Promise<ConsentView[]> {
    return (await new ConsentStore(this.db.db).listForGuardian(auth.accountId)).map(toView);
  }
}

function toView(r: ConsentRow): ConsentView {
  return {
    id: r.id,
    purpose: r.purpose,
    granted: r.granted === 1,
    policyVersion: r.policy_version,
    childId: r.child_id,
    createdAt: r.created_at,
  };
}
