import type { GroupInfoSummary } from '@kidtalk/crypto';
import { inspectGroupInfo, isCryptoError } from '@kidtalk/crypto';
import type { CommitBody, ExternalCommitBody } from '@kidtalk/protocol';
import { ErrorCode } from '@kidtalk/protocol';
import type { Clock } from '../clock.js';
import type { Database, DbExecutor } from '../db/database.js';
import { DomainError, invalid, notFound } from '../errors.js';
import { newId } from '../security/tokens.js';
import { ConversationStore } from '../stores/conversation-store.js';
import { DeviceStore } from '../stores/device-store.js';
import type { AuthContext } from './auth-context.js';
import type { MailboxItem, MailboxService } from './mailbox-service.js';

interface Fanout {
  item: MailboxItem;
  deviceIds: string[];
}

const epochConflict = () =>
  new DomainError(ErrorCode.EpochConflict, 'another commit was ordered first; process it');

/**
 * One commit order per group: a commit is accepted only if it was built on the stored epoch
 * (compare-and-set), then fanned out to the devices of the previous epoch, its Welcome to the
 * added devices only. The GroupInfo that comes with it is checked against the server-side
 * membership, so the MLS group can never hold an account the pair rule did not admit.
 */
export class DeliveryService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly mailbox: MailboxService,
  ) {}

  async commit(auth: AuthContext, id: string, body: CommitBody): Promise<number> {
    return this.order(auth, id, body, false);
  }

  /**
   * A member's new device joining from the published GroupInfo. Clients accept an external
   * join only from a new device of an account already in the MLS group; the server applies
   * the same rule before ordering it, or the group would split.
   */
  async externalCommit(auth: AuthContext, id: string, body: ExternalCommitBody): Promise<number> {
    return this.order(auth, id, body, true);
  }

  async groupInfo(auth: AuthContext, id: string): Promise<{ epoch: number; groupInfo: string }> {
    const store = new ConversationStore(this.db.db);
    const conv = await store.byId(id);
    if (!conv || !(await store.isMember(id, auth.accountId))) throw notFound('conversation');
    if (!conv.group_info) throw notFound('group info');
    return { epoch: conv.epoch, groupInfo: conv.group_info };
  }

  private async order(
    auth: AuthContext,
    id: string,
    body: CommitBody | ExternalCommitBody,
    external: boolean,
  ): Promise<number> {
    const next = summarize(body.groupInfo);
    const fanout = await this.db.transaction(async (tx) => {
      const store = new ConversationStore(tx);
      const conv = await store.lock(id, this.db.dialect === 'pg');
      const members = conv ? await store.members([id]) : [];
      if (!conv || !members.some((m) => m.account_id === auth.accountId)) {
        throw notFound('conversation');
      }
      if (body.epoch !== conv.epoch) throw epochConflict();
      if (next.groupId !== id || Number(next.epoch) !== conv.epoch + 1) {
        throw invalid('the GroupInfo is not this conversation’s next epoch');
      }
      const before = conv.group_info ? summarize(conv.group_info).members : [];
      const wasLeaf = new Set(before.map((m) => m.deviceId));
      // The group is born on the creator's device; its first commit publishes the first GroupInfo.
      if (conv.epoch === 0 && !external) wasLeaf.add(auth.deviceId);
      const added = next.members.filter((m) => !wasLeaf.has(m.deviceId));
      await checkMembers(tx, next, added, new Set(members.map((m) => m.account_id)));
      if (external) checkExternalJoin(auth, before, added);
      else if (
        conv.epoch === 0 ? conv.created_by !== auth.accountId : !wasLeaf.has(auth.deviceId)
      ) {
        // Only a device in the group commits to it; the group is born on the creator's device.
        throw notFound('conversation');
      }
      const welcomeTo = external ? [] : welcomeTargets(body as CommitBody, added);
      if (!(await store.advanceEpoch(id, conv.epoch, body.groupInfo))) throw epochConflict();
      // The commit and Welcome are stored in the same transaction as the new epoch: a crash
      // can never leave the server an epoch ahead of members who never got the commit.
      return this.mailbox.writeWithin(
        tx,
        this.fanout(auth, conv.id, conv.epoch, body, before, welcomeTo),
      );
    });
    fanout();
    return Number(next.epoch);
  }

  private fanout(
    auth: AuthContext,
    conversationId: string,
    fromEpoch: number,
    body: CommitBody | ExternalCommitBody,
    before: GroupInfoSummary['members'],
    welcomeTo: string[],
  ): Fanout[] {
    const base = {
      conversationId,
      senderId: auth.accountId,
      senderDeviceId: auth.deviceId,
      frankTag: '',
      countersig: '',
      createdAt: this.clock.now(),
    };
    const out: Fanout[] = [
      {
        item: {
          ...base,
          kind: 'commit',
          clientMsgId: newId(),
          epoch: fromEpoch,
          body: body.commit,
        },
        deviceIds: [...new Set(before.map((m) => m.deviceId))].filter((d) => d !== auth.deviceId),
      },
    ];
    const welcome = 'welcome' in body ? body.welcome : undefined;
    if (welcome && welcomeTo.length > 0) {
      out.push({
        item: {
          ...base,
          kind: 'welcome',
          clientMsgId: newId(),
          epoch: fromEpoch + 1,
          body: welcome,
        },
        deviceIds: welcomeTo,
      });
    }
    return out.filter((f) => f.deviceIds.length > 0);
  }
}

function summarize(groupInfo: string): GroupInfoSummary {
  try {
    return inspectGroupInfo(Buffer.from(groupInfo, 'base64url'));
  } catch (err) {
    if (isCryptoError(err) || err instanceof Error) throw invalid('malformed GroupInfo');
    throw err;
  }
}

/**
 * Every leaf's account must be a server-side member and every leaf a signed-in device of it:
 * a removed member, or a device that signed out or was revoked, must be dropped by the next
 * commit (the server proposes both removals). A new leaf for a device that is not signed in is
 * a bad request, not a race.
 */
async function checkMembers(
  tx: DbExecutor,
  next: GroupInfoSummary,
  added: GroupInfoSummary['members'],
  memberIds: Set<string>,
): Promise<void> {
  const keepsNonMember = () =>
    new DomainError(
      ErrorCode.Conflict,
      'the commit keeps or adds a non-member or a signed-out device; remove it (see the server’s pending proposals)',
    );
  if (next.members.some((m) => !memberIds.has(m.accountId))) throw keepsNonMember();
  const accounts = [...new Set(next.members.map((m) => m.accountId))];
  const devices = await new DeviceStore(tx).devicesOf(accounts);
  const known = new Set(devices.map((d) => `${d.account_id}|${d.id}`));
  const signedIn = (m: GroupInfoSummary['members'][number]) =>
    known.has(`${m.accountId}|${m.deviceId}`);
  if (!added.every(signedIn)) throw invalid('the commit adds a device that is not signed in');
  if (!next.members.every(signedIn)) throw keepsNonMember();
}

function checkExternalJoin(
  auth: AuthContext,
  before: GroupInfoSummary['members'],
  added: GroupInfoSummary['members'],
): void {
  const isNewOwnDevice =
    added.length === 1 &&
    added[0]!.accountId === auth.accountId &&
    added[0]!.deviceId === auth.deviceId &&
    before.some((m) => m.accountId === auth.accountId);
  if (!isNewOwnDevice) throw notFound('conversation');
}

function welcomeTargets(body: CommitBody, added: GroupInfoSummary['members']): string[] {
  const addedIds = [...new Set(added.map((m) => m.deviceId))];
  if (!body.addedDevices) return addedIds;
  if (body.addedDevices.some((d) => !addedIds.includes(d))) {
    throw invalid('addedDevices names a device the commit does not add');
  }
  return body.addedDevices;
}
