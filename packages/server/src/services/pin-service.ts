import type { ElevatedAction } from '@kidtalk/protocol';
import { ErrorCode } from '@kidtalk/protocol';
import type { Clock } from '../clock.js';
import { MINUTE } from '../clock.js';
import type { Database, DbExecutor } from '../db/database.js';
import { DomainError } from '../errors.js';
import { hashPin, isTrivialPin, verifyPin } from '../security/pin-hash.js';
import { keyedHash, newToken } from '../security/tokens.js';
import { ElevationTokenStore } from '../stores/elevation-token-store.js';
import { ParentalPinStore } from '../stores/parental-pin-store.js';
import type { AuthContext } from './auth-context.js';
import type { NotificationService } from './notification-service.js';

export const PIN_LOCK_AFTER = 5;
export const PIN_LOCK_MS = 15 * MINUTE;
export const PIN_REVERIFY_AFTER = 10;
export const ELEVATION_TTL_MS = 5 * MINUTE;

export class PinService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly notifications: NotificationService,
    private readonly tokenKey: Buffer,
    private readonly scryptCost: number,
  ) {}

  async hash(pin: string): Promise<string> {
    if (isTrivialPin(pin))
      throw new DomainError(ErrorCode.WeakPin, 'choose a PIN that is harder to guess');
    return hashPin(pin, this.scryptCost);
  }

  /** Guardian only (authorized by the caller): a new PIN also lifts every lockout. */
  async set(tx: DbExecutor, childId: string, pinHash: string): Promise<void> {
    await new ParentalPinStore(tx).set(childId, pinHash, this.clock.now());
  }

  /**
   * The child's device proves a grown-up is present. A right PIN yields a token for exactly
   * one action; wrong ones count toward a 15-minute lock and, at ten, an SMS re-verification.
   */
  async check(auth: AuthContext, pin: string, action: ElevatedAction) {
    const childId = auth.accountId;
    const store = new ParentalPinStore(this.db.db);
    const row = await store.get(childId);
    const now = this.clock.now();
    if (!row) throw new DomainError(ErrorCode.PinInvalid, 'no parental PIN is set');
    if (row.reverify_required) {
      throw new DomainError(ErrorCode.PinReverifyRequired, 'a guardian must unlock the PIN by SMS');
    }
    if (row.locked_until !== null && row.locked_until > now) {
      throw new DomainError(
        ErrorCode.PinLocked,
        'too many wrong PINs',
        Math.ceil((row.locked_until - now) / 1000),
      );
    }
    if (!(await verifyPin(pin, row.pin_hash))) {
      await this.recordFailure(childId);
      throw new DomainError(ErrorCode.PinInvalid, 'wrong PIN');
    }
    const token = newToken();
    const expiresAt = now + ELEVATION_TTL_MS;
    await this.db.transaction(async (tx) => {
      await new ParentalPinStore(tx).update(childId, {
        failed_streak: 0,
        locked_until: null,
        updated_at: now,
      });
      await new ElevationTokenStore(tx).insert({
        token_hash: keyedHash(this.tokenKey, token),
        child_id: childId,
        session_id: auth.sessionId,
        action,
        expires_at: expiresAt,
        used_at: null,
        created_at: now,
      });
    });
    return { elevationToken: token, action, expiresAt };
  }

  // Counted in its own transaction re-reading the row, so parallel wrong guesses all count.
  private async recordFailure(childId: string): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const store = new ParentalPinStore(tx);
      const row = await store.get(childId);
      if (!row) return;
      const streak = row.failed_streak + 1;
      const total = row.failed_total + 1;
      const lock = streak >= PIN_LOCK_AFTER;
      const reverify = total >= PIN_REVERIFY_AFTER;
      await store.update(childId, {
        failed_streak: lock ? 0 : streak,
        failed_total: total,
        locked_until: lock ? now + PIN_LOCK_MS : row.locked_until,
        reverify_required: reverify ? 1 : 0,
        updated_at: now,
      });
      if (reverify && !row.reverify_required) {
        await this.notifications.notifyGuardians(tx, childId, 'pin.reverify_required');
      } else if (lock) {
        await this.notifications.notifyGuardians(tx, childId, 'pin.locked');
      }
    });
  }

  /** Spends a token for one action on one child from the session it was issued to. */
  async consumeElevation(
    auth: AuthContext,
    childId: string,
    action: ElevatedAction,
    token: string,
  ) {
    const store = new ElevationTokenStore(this.db.db);
    const hash = keyedHash(this.tokenKey, token);
    const row = await store.get(hash);
    const now = this.clock.now();
    const valid =
      row !== undefined &&
      row.child_id === childId &&
      row.session_id === auth.sessionId &&
      row.action === action &&
      row.used_at === null &&
      row.expires_at > now;
    if (!valid || !(await store.spend(hash, now))) {
      throw new DomainError(
        ErrorCode.ElevationInvalid,
        'the parental approval is not valid for this action',
      );
    }
  }

  async unlock(tx: DbExecutor, childId: string): Promise<void> {
    await new ParentalPinStore(tx).update(childId, {
      failed_streak: 0,
      failed_total: 0,
      locked_until: null,
      reverify_required: 0,
      updated_at: this.clock.now(),
    });
  }
}
