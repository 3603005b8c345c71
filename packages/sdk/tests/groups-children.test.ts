import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createChild, linkChildDevice } from '../../server/tests/support/flows.js';
import type { KidTalkClient, ReceivedMessage } from '../src/index.js';
import { IndexedDbStore, KidTalkError } from '../src/index.js';
import { useLiveClients } from './support/live-clients.js';
import {
  asAdult,
  befriend,
  openClient,
  openDirectJoined,
  signInWith,
  until,
} from './support/sdk-flows.js';
import { nextPhone } from '../../server/tests/support/flows.js';
import { openNodeClient } from '../src/node.js';
import { MemoryStore } from '../src/index.js';
import { testDialects } from '../../server/tests/support/databases.js';

const DIALECTS = await testDialects();

const texts = (ms: ReceivedMessage[]) =>
  ms.map((m) => (m.body.content.type === 'text' ? m.body.content.text : m.body.content.type));

describe.each(DIALECTS)(
  'guardian approvals and group conversations through the SDK (%s)',
  (dialect) => {
    const suite = useLiveClients(dialect);

    it("a child's friend request needs the guardian's approval, then they can chat", async () => {
      const { live } = suite;
      const mum = await suite.signedIn('Mum');
      const friend = await suite.signedIn('Auntie');
      const mumAdult = asAdult(mum);
      const child = await createChild(live, mumAdult);
      // The child's device is linked with the guardian's code; the SDK takes over from there,
      // on a browser-style IndexedDB store.
      const kid = suite.track(
        await openClient(live, { store: await IndexedDbStore.open('kid-device') }),
      );
      await kid.useToken(await linkChildDevice(live, mumAdult, child));
      expect(kid.session!.kind).toBe('child');

      const request = await friend.contacts.request(kid.session!.publicId);
      expect(request.status).toBe('pending');
      const accepted = await kid.contacts.add(friend.session!.publicId);
      expect(accepted.status).toBe('pending'); // the child said yes; the guardian has not yet
      // Not contacts yet: the server refuses the conversation.
      await expect(friend.openDirect(kid.session!.publicId)).rejects.toBeInstanceOf(KidTalkError);

      const pending = (await mum.contacts.childRequests(child.id)).find(
        (r) => r.other.publicId === friend.session!.publicId && r.status === 'pending',
      )!;
      const approved = await mum.contacts.approveForChild(child.id, pending.id);
      expect(approved.status).toBe('approved');
      expect((await kid.contacts.list()).map((c) => c.publicId)).toEqual([
        friend.session!.publicId,
      ]);

      await Promise.all([friend.connect(), kid.connect()]);
      const conv = await openDirectJoined(friend, kid);
      const got: ReceivedMessage[] = [];
      kid.on('message', (m) => got.push(m));
      await friend.sendText(conv, 'hello little one');
      await until(() => got.length === 1);
      expect(texts(got)).toEqual(['hello little one']);
      // The child's store (IndexedDB) kept the message with its franking evidence.
      expect((await kid.messages(conv)).map((m) => m.franking.countersig)).toEqual([
        got[0]!.franking.countersig,
      ]);
    });

    it('a group of three: created with two, a third added later, everyone reads everyone', async () => {
      const [a, b, c] = await Promise.all(['Ada', 'Ben', 'Cy'].map((n) => suite.signedIn(n)));
      await befriend(a!, b!);
      await befriend(a!, c!);
      await befriend(b!, c!);
      await Promise.all([a!.connect(), b!.connect(), c!.connect()]);
      const inbox = new Map<KidTalkClient, ReceivedMessage[]>([
        [a!, []],
        [b!, []],
        [c!, []],
      ]);
      for (const [cl, list] of inbox) cl.on('message', (m) => list.push(m));

      const bJoined = b!.once('conversation', (e) => e.change === 'joined');
      const conv = (await a!.createGroup([b!.session!.publicId])).id;
      await bJoined;
      await a!.sendText(conv, 'just us two');
      await until(() => inbox.get(b!)!.length === 1);

      const cJoined = c!.once('conversation', (e) => e.change === 'joined');
      const bUpdated = b!.once('conversation', (e) => e.change === 'updated');
      await a!.conversations.addMembers(conv, [c!.session!.publicId]);
      await Promise.all([cJoined, bUpdated]);
      await b!.sendText(conv, 'welcome cy');
      await c!.sendText(conv, 'thanks');
      await until(() => inbox.get(a!)!.length === 2 && inbox.get(c!)!.length === 1);
      await until(() => inbox.get(b!)!.length === 2);
      expect(texts(inbox.get(a!)!)).toEqual(['welcome cy', 'thanks']);
      expect(texts(inbox.get(b!)!)).toEqual(['just us two', 'thanks']);
      // Cy joined after the first message: MLS gives a new member no earlier messages.
      expect(texts(inbox.get(c!)!)).toEqual(['welcome cy']);
    });

    it('keeps a commit the server accepted even when its answer was lost', async () => {
      const { live } = suite;
      let loseCommitReply = true;
      // A network that delivers the commit but drops the reply, once.
      const lossyFetch: typeof fetch = async (input, init) => {
        const res = await fetch(input, init);
        if (loseCommitReply && String(input).endsWith('/commits')) {
          loseCommitReply = false;
          throw new TypeError('socket hang up');
        }
        return res;
      };
      const eve = suite.track(
        await openNodeClient({
          server: live.url,
          store: new MemoryStore(),
          now: () => live.clock.now(),
          fetch: lossyFetch,
        }),
      );
      const phone = nextPhone();
      await signInWith(live, eve, phone, 'Eve');
      const fay = await suite.signedIn('Fay');
      await befriend(eve, fay);
      await Promise.all([eve.connect(), fay.connect()]);
      const joined = fay.once('conversation', (e) => e.change === 'joined');
      const conv = (await eve.openDirect(fay.session!.publicId)).id;
      expect(loseCommitReply).toBe(false); // the reply really was lost
      expect(await eve.canSend(conv)).toBe(true);
      await joined;
      const got = fay.once('message');
      await eve.sendText(conv, 'still in sync');
      expect(texts([await got])).toEqual(['still in sync']);
    });

    it("a member's second device joins by external commit and reads what comes after", async () => {
      const { live } = suite;
      const gus = await suite.signedIn('Gus');
      const phone = nextPhone();
      const hal = suite.track(await openClient(live));
      await signInWith(live, hal, phone, 'Hal');
      await befriend(gus, hal);
      await Promise.all([gus.connect(), hal.connect()]);
      const conv = await openDirectJoined(gus, hal);

      // Hal signs in on a tablet: same account, a new device that was in no Welcome.
      const tablet = suite.track(await openClient(live));
      await signInWith(live, tablet, phone);
      await tablet.connect();
      expect(await tablet.canSend(conv)).toBe(false);
      const gusSees = gus.once('conversation', (e) => e.change === 'updated');
      await tablet.conversations.join(conv);
      expect(await tablet.canSend(conv)).toBe(true);
      await gusSees; // the external commit reached the other members

      const onTablet = tablet.once('message');
      const onPhone = hal.once('message');
      await gus.sendText(conv, 'to both of your devices');
      expect(texts([await onTablet, await onPhone])).toEqual([
        'to both of your devices',
        'to both of your devices',
      ]);
      const atGus = gus.once('message');
      await tablet.sendText(conv, 'from the tablet');
      expect((await atGus).senderDeviceId).toBe(tablet.session!.deviceId);
    });
  },
);
