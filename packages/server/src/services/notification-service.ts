import type { Clock } from '../clock.js';
import type { DbExecutor } from '../db/database.js';
import { newId } from '../security/tokens.js';
import { GuardianshipStore } from '../stores/guardianship-store.js';
import { NotificationStore } from '../stores/notification-store.js';
import type { NOTIFICATION_KINDS } from '@kidtalk/protocol';

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
/** Notices carry IDs and names, never content or codes, so the table stays harmless. */
export type NotificationData = Record<string, string | number | boolean>;

export class NotificationService {
  constructor(private readonly clock: Clock) {}

  /** Every guardian of the child hears about it (P16); runs inside the caller's transaction. */
  async notifyGuardians(
    tx: DbExecutor,
    childId: string,
    kind: NotificationKind,
    data: NotificationData = {},
  ): Promise<void> {
    const guardians = await new GuardianshipStore(tx).guardiansOf(childId);
    const now = this.clock.now();
    await new NotificationStore(tx).insertMany(
      guardians.map((g) => ({
        id: newId(),
        account_id: g.id,
        kind,
        child_id: childId,
        data: JSON.stringify(data),
        created_at: now,
        read_at: null,
      })),
    );
  }

  /** One guardian only, about one child, e.g. the inviter of a refused invitation. */
  async notifyGuardian(
    tx: DbExecutor,
    guardianId: string,
    childId: string,
    kind: NotificationKind,
    data: NotificationData = {},
  ): Promise<void> {
    await new NotificationStore(tx).insertMany([
      {
        id: newId(),
        account_id: guardianId,
        kind,
        child_id: childId,
        data: JSON.stringify(data),
        created_at: this.clock.now(),
        read_at: null,
      },
    ]);
  }
}
