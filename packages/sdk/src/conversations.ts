import type { Group, PendingCommit } from '@kidtalk/crypto';
import {
  addMembers,
  commitPendingProposals,
  createGroup,
  joinByExternalCommit,
} from '@kidtalk/crypto';
import type { ConversationView } from '@kidtalk/protocol';
import type { DeviceCrypto } from './device-crypto.js';
import { fromB64, fromHex, toB64 } from './encoding.js';
import { KidTalkError } from './errors.js';
import type { HttpClient } from './http-client.js';

/**
 * The MLS side of conversations against the delivery service: the server record first, then
 * the group (its id is the conversation id), commits posted for the server's compare-and-set
 * on the epoch and confirmed only once accepted.
 */
export class Conversations {
  constructor(
    private readonly http: HttpClient,
    private readonly crypto: () => DeviceCrypto,
    private readonly me: () => string,
  ) {}

  list(): Promise<ConversationView[]> {
    return this.http
      .json<{ conversations: ConversationView[] }>({ method: 'GET', path: '/v1/conversations' })
      .then((r) => r.conversations);
  }

  get(id: string): Promise<ConversationView> {
    return this.http.json({ method: 'GET', path: `/v1/conversations/${encodeURIComponent(id)}` });
  }

  /**
   * Creates (or returns the existing) conversation, and, when this device is its creator and
   * the group is not born yet, creates the MLS group and adds every member's devices. Other
   * members' devices join when the Welcome arrives (`conversation` event, change 'joined').
   */
  async open(kind: 'direct' | 'group', publicIds: string[]): Promise<ConversationView> {
    const view = await this.http.json<ConversationView>({
      method: 'POST',
      path: '/v1/conversations',
      body: { kind, members: publicIds },
    });
    if (view.epoch === 0 && view.createdBy === this.me()) await this.bootstrap(view);
    return view;
  }

  private async bootstrap(view: ConversationView): Promise<void> {
    const crypto = this.crypto();
    await crypto.mutex.run(view.id, async () => {
      if (await crypto.hasGroup(view.id)) return;
      const group = await createGroup(crypto.ctx, crypto.identity, { groupId: fromHex(view.id) });
      // Our own account too: the server hands out packages for our other devices, not this one.
      const accounts = view.members.map((m) => m.accountId);
      try {
        await this.commitWith(view.id, group, accounts);
      } catch (err) {
        // Another device of ours created the group first; its Welcome brings this one in.
        if (!(err instanceof KidTalkError && err.code === 'EPOCH_CONFLICT')) throw err;
      }
    });
  }

  /**
   * A new device of an account already in the group (it got no Welcome: it had no KeyPackage
   * when the others were added) joins from the server's GroupInfo by external commit.
   */
  async join(id: string): Promise<void> {
    const crypto = this.crypto();
    await crypto.mutex.run(id, async () => {
      if (await crypto.hasGroup(id)) return;
      const gi = await this.http.json<{ epoch: number; groupInfo: string }>({
        method: 'GET',
        path: `/v1/conversations/${encodeURIComponent(id)}/group-info`,
      });
      const pending = await joinByExternalCommit(
        crypto.ctx,
        crypto.identity,
        fromB64(gi.groupInfo),
      );
      try {
        await this.http.json({
          method: 'POST',
          path: `/v1/conversations/${encodeURIComponent(id)}/external-commits`,
          body: {
            epoch: Number(pending.fromEpoch),
            commit: toB64(pending.commit),
            groupInfo: toB64(pending.groupInfo),
          },
        });
      } catch (err) {
        if (!(await this.acceptedAnyway(id, pending, err))) {
          pending.discard();
          throw err;
        }
      }
      await crypto.write([await crypto.groupOp(id, pending.confirm())]);
    });
  }

  /** Adds accounts to a group conversation (server record first, then the MLS commit). */
  async addMembers(id: string, publicIds: string[]): Promise<ConversationView> {
    const view = await this.http.json<ConversationView>({
      method: 'POST',
      path: `/v1/conversations/${encodeURIComponent(id)}/members`,
      body: { publicIds },
    });
    const added = view.members
      .filter((m) => publicIds.includes(m.publicId))
      .map((m) => m.accountId);
    await this.withRetry(id, (group) => this.commitWith(id, group, added));
    return view;
  }

  /** Leaving, or a creator's / guardian's removal; the server proposes the MLS removal. */
  async removeMember(id: string, publicId: string): Promise<void> {
    await this.http.json({
      method: 'DELETE',
      path: `/v1/conversations/${encodeURIComponent(id)}/members/${encodeURIComponent(publicId)}`,
    });
  }

  /** Commits proposals the server sent (removals); the first member to do so wins. */
  async commitProposals(id: string): Promise<void> {
    await this.withRetry(id, async (group) => {
      await this.post(id, await commitPendingProposals(this.crypto().ctx, group));
    });
  }

  private async withRetry(id: string, fn: (group: Group) => Promise<void>): Promise<void> {
    const crypto = this.crypto();
    for (let attempt = 0; ; attempt++) {
      try {
        await crypto.mutex.run(id, async () => {
          const group = await crypto.group(id);
          if (!group) throw new KidTalkError('NO_GROUP', 'this device is not in the group yet');
          await fn(group);
        });
        return;
      } catch (err) {
        // Another member's commit was ordered first; it arrives on the socket, then we retry.
        if (!(err instanceof KidTalkError && err.code === 'EPOCH_CONFLICT') || attempt >= 4)
          throw err;
        await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
      }
    }
  }

  /** Claims packages for `accounts`, commits their addition (or an empty commit), posts it. */
  private async commitWith(id: string, group: Group, accounts: string[]): Promise<void> {
    const crypto = this.crypto();
    const claimed =
      accounts.length === 0
        ? []
        : (
            await this.http.json<{ keyPackages: { deviceId: string; keyPackage: string }[] }>({
              method: 'POST',
              path: '/v1/key-packages/claim',
              body: { accountIds: [...new Set(accounts)] },
            })
          ).keyPackages;
    const pending =
      claimed.length > 0
        ? await addMembers(
            crypto.ctx,
            group,
            claimed.map((k) => fromB64(k.keyPackage)),
          )
        : await commitPendingProposals(crypto.ctx, group);
    await this.post(
      id,
      pending,
      claimed.map((k) => k.deviceId),
    );
  }

  /**
   * When the answer was lost (network, 5xx) the server may still have ordered our commit; the
   * published GroupInfo tells. Discarding an accepted commit would strand this device.
   */
  private async acceptedAnyway(id: string, pending: PendingCommit, err: unknown): Promise<boolean> {
    const unknownOutcome =
      err instanceof KidTalkError && (err.code === 'NETWORK' || (err.status ?? 0) >= 500);
    if (!unknownOutcome) return false;
    try {
      const gi = await this.http.json<{ epoch: number; groupInfo: string }>({
        method: 'GET',
        path: `/v1/conversations/${encodeURIComponent(id)}/group-info`,
      });
      return gi.groupInfo === toB64(pending.groupInfo);
    } catch {
      return false;
    }
  }

  private async post(
    id: string,
    pending: PendingCommit,
    addedDevices: string[] = [],
  ): Promise<void> {
    const crypto = this.crypto();
    try {
      await this.http.json({
        method: 'POST',
        path: `/v1/conversations/${encodeURIComponent(id)}/commits`,
        body: {
          epoch: Number(pending.fromEpoch),
          commit: toB64(pending.commit),
          groupInfo: toB64(pending.groupInfo),
          ...(pending.welcome &&
            addedDevices.length > 0 && {
              welcome: toB64(pending.welcome),
              addedDevices,
            }),
        },
      });
    } catch (err) {
      if (!(await this.acceptedAnyway(id, pending, err))) {
        pending.discard();
        throw err;
      }
    }
    await crypto.write([await crypto.groupOp(id, pending.confirm())]);
  }
}
