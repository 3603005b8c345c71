import type { MsgFrame, SendFrame } from '@kidtalk/protocol';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeviceCrypto } from '../src/device-crypto.js';
import { KidTalkError } from '../src/errors.js';
import type { OutboxEntry } from '../src/index.js';
import { OUTBOX_PREFIX, Outbox } from '../src/outbox.js';
import {
  DEDUPE_RETENTION_MS,
  pruneDedupe,
  Receiver,
  rxKey,
  UNDELIVERABLE_LIST,
} from '../src/receiver.js';
import { set } from '../src/store/client-store.js';
import { FileStore } from '../src/node.js';

const entry = (id: string, order: number): OutboxEntry => ({
  id,
  conv: 'c0ffee',
  epoch: 1,
  body: 'AAAA',
  frank: 'BBBB',
  order,
  content: 'text',
});

function outboxOn(store: FileStore, wire: SendFrame[], online = () => true, maxInFlight = 64) {
  return new Outbox(
    store,
    (f) => online() && (wire.push(f), true),
    maxInFlight,
    () => undefined,
    () => undefined,
  );
}

describe('outbox', () => {
  it('resends the same clientMsgIds, in order, from a new client on the same FileStore', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kidtalk-outbox-'));
    const store = await FileStore.open(dir);
    const wire: SendFrame[] = [];
    const box = outboxOn(store, wire, () => false); // offline: nothing leaves
    const ids = ['msg-aaaaaaaa', 'msg-bbbbbbbb', 'msg-cccccccc'];
    for (const id of ids) {
      const e = entry(id, box.order());
      await store.write([set(OUTBOX_PREFIX + id, e)]); // durable before the wire, as the client does
      box.add(e);
    }
    expect(wire).toEqual([]);
    await store.close(); // "the process dies"

    const reopened = await FileStore.open(dir);
    const wire2: SendFrame[] = [];
    const box2 = outboxOn(reopened, wire2);
    await box2.load();
    expect(box2.order()).toBe(3); // new messages queue after the old ones
    box2.reset(); // a socket became ready
    expect(wire2.map((f) => f.id)).toEqual(ids);

    // A new socket resends everything still unacknowledged, same ids.
    const acked = box2.wait(ids[0]!);
    await box2.onSent({ t: 'sent', id: ids[0]!, ts: 5, sig: 'sig' });
    expect((await acked).serverTime).toBe(5);
    box2.reset();
    expect(wire2.slice(3).map((f) => f.id)).toEqual(ids.slice(1));
    await reopened.close();
    const third = await FileStore.open(dir);
    expect(await third.keys(OUTBOX_PREFIX)).toEqual(ids.slice(1).map((i) => OUTBOX_PREFIX + i));
    await third.close();
  });

  it('keeps at most maxInFlight unacknowledged on the wire', async () => {
    const store = await FileStore.open(mkdtempSync(join(tmpdir(), 'kidtalk-outbox-')));
    const wire: SendFrame[] = [];
    const box = outboxOn(store, wire, () => true, 2);
    for (const id of ['m-1111111', 'm-2222222', 'm-3333333']) box.add(entry(id, box.order()));
    expect(wire.map((f) => f.id)).toEqual(['m-1111111', 'm-2222222']);
    await box.onSent({ t: 'sent', id: 'm-1111111', ts: 1, sig: 's' });
    expect(wire.map((f) => f.id)).toEqual(['m-1111111', 'm-2222222', 'm-3333333']);
    await store.close();
  });

  it('retries after a retryable error frame, gives up with the code on a permanent one', async () => {
    const store = await FileStore.open(mkdtempSync(join(tmpdir(), 'kidtalk-outbox-')));
    const wire: SendFrame[] = [];
    const box = outboxOn(store, wire);
    box.add(entry('m-1111111', box.order()));
    box.add(entry('m-2222222', box.order()));
    const failed = box.wait('m-2222222');
    const limited = new KidTalkError('RATE_LIMITED', 'slow down', {
      retryAfterSec: 0,
      clientMsgId: 'm-1111111',
    });
    expect(await box.onError(limited)).toBe(true);
    await new Promise((r) => setTimeout(r, 5));
    expect(wire.filter((f) => f.id === 'm-1111111')).toHaveLength(2);
    await box.onError(
      new KidTalkError('NOT_FOUND', 'no such conversation', { clientMsgId: 'm-2222222' }),
    );
    await expect(failed).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(box.pending().map((e) => e.id)).toEqual(['m-1111111']);
    await store.close();
  });
});

describe('receive dedupe', () => {
  const frame = (seq: number, id: string): MsgFrame => ({
    t: 'msg',
    seq,
    kind: 'app',
    conv: 'c0ffee',
    from: 'acct-a',
    dev: 'dev-a',
    id,
    epoch: 1,
    body: 'AAAA',
    frank: 'BBBB',
    sig: 'CCCC',
    ts: 1,
  });

  function receiver(store: FileStore, acks: number[], processed: string[]) {
    // A stand-in for MLS that records what it was asked to decrypt and refuses it, so the
    // frame takes the "undeliverable" path: stored, acked, never processed twice.
    const crypto = {
      mutex: {
        run: async (_k: string, _fn: unknown) => {
          processed.push('x');
          throw new KidTalkError('DECRYPT_FAILED', 'stub');
        },
      },
    } as unknown as DeviceCrypto;
    return new Receiver({
      store,
      crypto: () => crypto,
      emit: () => undefined,
      ack: (s) => acks.push(s),
      onProposal: () => undefined,
    });
  }

  it('processes a (sender device, clientMsgId) once, acks every copy, across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kidtalk-rx-'));
    const store = await FileStore.open(dir);
    const acks: number[] = [];
    const processed: string[] = [];
    const rx = receiver(store, acks, processed);
    rx.push(frame(7, 'msg-aaaaaaaa'));
    rx.push(frame(7, 'msg-aaaaaaaa')); // the same seq again on the same socket
    await rx.idle();
    await new Promise((r) => setTimeout(r, 20));
    expect(processed).toHaveLength(1);
    expect(await store.get(rxKey('dev-a', 'msg-aaaaaaaa'))).toBe(1); // the server time
    expect(await store.list(UNDELIVERABLE_LIST)).toHaveLength(1);
    await store.close();

    // Restart: the server resends (its ack was lost) — recognised from the store, acked only.
    const again = await FileStore.open(dir);
    const acks2: number[] = [];
    const processed2: string[] = [];
    const rx2 = receiver(again, acks2, processed2);
    rx2.push(frame(7, 'msg-aaaaaaaa'));
    await rx2.idle();
    expect(processed2).toEqual([]);
    expect(acks2).toEqual([7]);
    await again.close();
  });

  it('never acks before the write is durable', async () => {
    const store = await FileStore.open(mkdtempSync(join(tmpdir(), 'kidtalk-rx-')));
    const acks: number[] = [];
    const rx = receiver(store, acks, []);
    rx.push(frame(9, 'msg-bbbbbbbb'));
    await rx.idle(); // processed, write issued, not yet flushed
    expect(acks).toEqual([]);
    await store.close(); // close waits for the flush
    expect(acks).toEqual([9]);
  });

  it('forgets dedupe records once the server can no longer resend them', async () => {
    const store = await FileStore.open(mkdtempSync(join(tmpdir(), 'kidtalk-rx-')));
    const now = 100 * DEDUPE_RETENTION_MS;
    await store.write([
      set(rxKey('d', 'old-message'), now - DEDUPE_RETENTION_MS - 1),
      set(rxKey('d', 'new-message'), now - 1000),
    ]);
    expect(await pruneDedupe(store, now)).toBe(1);
    expect(await store.keys('rx:')).toEqual([rxKey('d', 'new-message')]);
    await store.close();
  });
});
