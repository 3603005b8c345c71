import type { ElevatedAction } from '@kidtalk/protocol';
import { ErrorCode } from '@kidtalk/protocol';
import type { Database } from '../db/database.js';
import { DomainError, notFound } from '../errors.js';
import { GuardianshipStore } from '../stores/guardianship-store.js';
import type { AuthContext } from './auth-context.js';
import type { PinService } from './pin-service.js';

export type ParentalActor = 'guardian' | 'child-with-pin';

/**
 * The one gate for acting on a child: a guardian's own session, or the child's device
 * carrying a PIN elevation for this action. Anyone else gets "not found", the same answer
 * as for a child that does not exist.
 */
export class ParentalAuthorizer {
  constructor(
    private readonly db: Database,
    private readonly pins: PinService,
  ) {}

  async assertGuardian(auth: AuthContext, childId: string): Promise<void> {
    if (
      auth.kind !== 'adult' ||
      !(await new GuardianshipStore(this.db.db).isGuardian(auth.accountId, childId))
    ) {
      throw notFound('child');
    }
  }

  async authorize(
    auth: AuthContext,
    childId: string,
    action: ElevatedAction,
    elevationToken: string | undefined,
  ): Promise<ParentalActor> {
    if (auth.kind === 'child' && auth.accountId === childId) {
      if (!elevationToken) {
        throw new DomainError(
          ErrorCode.ElevationRequired,
          'a grown-up must enter the parental PIN',
        );
      }
      await this.pins.consumeElevation(auth, childId, action, elevationToken);
      return 'child-with-pin';
    }
    await this.assertGuardian(auth, childId);
    return 'guardian';
  }
}
