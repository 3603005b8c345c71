import type { MsgFrame, SendFrame, SentFrame } from '@kidtalk/protocol';
import { ErrorCode } from '@kidtalk/protocol';
import type { Bus } from '../bus/bus.js';
import type { Clock } from '../clock.js';
import { DomainError, notFound } from '../errors.js';
import type { RouteCache } from '../realtime/route-cache.js';
import type { AuthContext } from './auth-context.js';
import { Countersigner } from './countersigner.js';
import type { InteractionCounter } from './interaction-counter.js';
import type { MailboxService } from './mailbox-service.js';
import { deviceTopic } from './mailbox-service.js';

const B64URL = /^[A-Za-z0-9_-]*$/;

/**
 * The relay: authorizes a send against the conversation's route, countersigns the franking
 * tag, makes the message durable for every recipient device, and only then acknowledges it.
 * It never looks inside `body`.
 */
export class RelayService {
  private readonly countersigner: Countersigner;

  constructor(
    private readonly routes: RouteCache,
    private readonly mailbox: MailboxService,
    private readonly bus: Bus,
    private readonly clock: Clock,
    frankingKey: Uint8Array,
    private readonly interactions: InteractionCounter,
  ) {
    this.countersigner = new Countersigner(frankingKey);
  }

  async send(auth: AuthContext, f: SendFrame): Promise<SentFrame> {
    // A cached route answers synchronously; only a miss waits.
    const cached = this.routes.get(f.conv, auth.accountId);
    const route = cached instanceof Promise ? await cached : cached;
    // Not a member, or no such conversation: one answer for both.
    if (!route) throw notFound('conversation');
    const tag = Buffer.from(f.frank, 'base64url');
    if (tag.length !== 32 || !B64URL.test(f.frank)) {
      throw new DomainError(ErrorCode.InvalidRequest, 'frank must be a 32-byte tag');
    }
    const ts = this.clock.now();
    const sig = this.countersigner.sign({
      frankTag: tag,
      sender: { accountId: auth.accountId, deviceId: auth.deviceId },
      conversationId: f.conv,
      serverTime: ts,
    });
    const devices = route.deviceIds.filter((d) => d !== auth.deviceId);
    if (f.eph) {
      // Typing and the like: online devices only, nothing stored, nothing counted.
      const frame: MsgFrame = {
        t: 'msg',
        seq: 0,
        kind: 'app',
        conv: f.conv,
        from: auth.accountId,
        dev: auth.deviceId,
        id: f.id,
        epoch: f.epoch,
        body: f.body,
        frank: f.frank,
        sig,
        ts,
        eph: true,
      };
      const payload = JSON.stringify(frame);
      for (const d of devices) this.bus.publish(deviceTopic(d), payload);
      return { t: 'sent', id: f.id, ts, sig };
    }
    const result = await this.mailbox.enqueue(
      {
        conversationId: f.conv,
        kind: 'app',
        senderId: auth.accountId,
        senderDeviceId: auth.deviceId,
        clientMsgId: f.id,
        epoch: f.epoch,
        body: f.body,
        frankTag: f.frank,
        countersig: sig,
        createdAt: ts,
      },
      devices,
      true,
    );
    if (result.duplicate)
      return { t: 'sent', id: f.id, ts: result.createdAt, sig: result.countersig };
    if (result.gone) throw notFound('conversation');
    for (const peer of route.accountIds) {
      if (peer !== auth.accountId) this.interactions.count(auth.accountId, peer, 'message');
    }
    return { t: 'sent', id: f.id, ts, sig };
  }
}
