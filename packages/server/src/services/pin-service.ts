import type { ElevatedAction, PinStatus } from '@kidtalk/protocol';
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
    const now = this.clock.now();
    const reserved = await store.reserveAttempt(childId, now, PIN_LOCK_AFTER, PIN_REVERIFY_AFTER);
    if (!reserved) throw await this.refusal(store, childId, now);
    if (!(await verifyPin(pin, reserved.pin_hash))) {
      await this.recordFailure(childId, reserved.failed_streak, reserved.failed_total);
      throw new DomainError(ErrorCode.PinInvalid, 'wrong PIN');
    }
    const token = newToken();
    const expiresAt = now + ELEVATION_TTL_MS;
    await this.db.transaction(async (tx) => {
      await new ParentalPinStore(tx).releaseAttempt(childId, now);
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

  private async refusal(store: ParentalPinStore, childId: string, now: number) {
    const row = await store.get(childId);
    if (!row) return new DomainError(ErrorCode.PinInvalid, 'no parental PIN is set');
    if (row.reverify_required || row.failed_total >= PIN_REVERIFY_AFTER) {
      return new DomainError(
        ErrorCode.PinReverifyRequired,
        'a guardian must unlock the PIN by SMS',
      );
    }
    const until = row.locked_until ?? now + PIN_LOCK_MS;
    return new DomainError(
      ErrorCode.PinLocked,
      'too many wrong PINs',
      Math.ceil((until - now) / 1000),
    );
  }

  private async recordFailure(childId: string, streak: number, total: number): Promise<void> {
    const now = this.clock.now();
    const lock = streak >= PIN_LOCK_AFTER;
    const reverify = total >= PIN_REVERIFY_AFTER;
    if (!lock && !reverify) return;
    await this.db.transaction(async (tx) => {
      await new ParentalPinStore(tx).update(childId, {
        ...(lock && { locked_until: now + PIN_LOCK_MS }),
        ...(reverify && { reverify_required: 1 }),
        updated_at: now,
      });
      await this.notifications.notifyGuardians(
        tx,
        childId,
        reverify ? 'pin.reverify_required' : 'pin.locked',
      );
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
    // A token shown for the wrong action or from another session is burnt, not kept: it
    // has leaked or is being probed, and a grown-up can always enter the PIN again.
    const spent = row !== undefined && (await store.spend(hash, now));
    const valid =
      spent &&
      row.child_id === childId &&
      row.session_id === auth.sessionId &&
      row.action === action &&
      row.expires_at > now;
    if (!valid) {
      throw new DomainError(
        ErrorCode.ElevationInvalid,
        'the parental approval is not valid for this action',
      );
    }
  }

  async status(childId: string): Promise<PinStatus> {
    const row = await new ParentalPinStore(this.db.db).get(childId);
    const now = this.clock.now();
    if (!row) return { state: 'unset', lockedUntil: null };
    if (row.reverify_required || row.failed_total >= PIN_REVERIFY_AFTER) {
      return { state: 'reverify', lockedUntil: null };
    }
    if (row.locked_until !== null && row.locked_until > now) {
      return { state: 'locked', lockedUntil: row.locked_until };
    }
    return { state: 'ok', lockedUntil: null };
  }

  /**
   * A guardian's own session lifts the 15-minute lock without SMS. The lifetime count of wrong
   * PINs stays, so guessing on past ten still needs the SMS re-verification. False when
   * there was no lock to lift.
   */
  async lift(tx: DbExecutor, childId: string): Promise<boolean> {
    const row = await new ParentalPinStore(tx).get(childId);
    if (!row) return false;
    if (row.reverify_required || row.failed_total >= PIN_REVERIFY_AFTER) {
      throw new DomainError(
        ErrorCode.PinReverifyRequired,
        'after ten wrong PINs, unlock with a code sent by SMS to your number',
      );
    }
    if (row.locked_until === null) return false;
    await new ParentalPinStore(tx).update(childId, {
      failed_streak: 0,
      locked_until: null,
      updated_at: this.clock.now(),
    });
    return true;
  }

  /** After an SMS re-verification (checked by the caller): every count starts again. */
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
