import type { ServerFrame } from '@kidtalk/protocol';
import { CloseCode } from '@kidtalk/protocol';
import { describe, expect, it, vi } from 'vitest';
import type { ConnectionState, EndReason, WebSocketLike } from '../src/index.js';
import { ReconnectingSocket } from '../src/socket.js';
import { until } from './support/sdk-flows.js';

/** A scriptable WebSocket: the test plays the server. */
class FakeSocket implements WebSocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: unknown[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  frame(f: ServerFrame) {
    this.onmessage?.({ data: JSON.stringify(f) });
  }
  drop(code: number) {
    this.readyState = 3;
    this.onclose?.({ code, reason: '' });
  }
}

function harness() {
  FakeSocket.all = [];
  const states: { state: ConnectionState; delayMs?: number }[] = [];
  const ended: EndReason[] = [];
  const socket = new ReconnectingSocket(
    {
      url: 'http://kidtalk.test',
      WebSocket: FakeSocket,
      token: () => 'token-token-token-token-token',
      backoff: { baseMs: 10, capMs: 40 },
    },
    {
      onState: (state, info) =>
        states.push({ state, ...(info.delayMs !== undefined && { delayMs: info.delayMs }) }),
      onReady: () => undefined,
      onFrame: () => undefined,
      onEnded: (reason) => ended.push(reason),
    },
  );
  const ready = (s: FakeSocket) => {
    s.open();
    s.frame({ t: 'ready', v: 1, accountId: 'a', deviceId: 'd', window: 64 });
  };
  return { socket, states, ended, ready };
}

describe('reconnecting socket', () => {
  it('says hello first, then reconnects with bounded backoff after a network drop', async () => {
    const { socket, states, ready } = harness();
    socket.start();
    const first = FakeSocket.all[0]!;
    expect(first.url).toBe('ws://kidtalk.test/v1/ws');
    ready(first);
    expect(first.sent[0]).toMatchObject({ t: 'hello', v: 1 });
    expect(socket.ready).toBe(true);
    first.drop(1006);
    expect(socket.ready).toBe(false);
    const offline = states.at(-1)!;
    expect(offline.state).toBe('offline');
    expect(offline.delayMs).toBeGreaterThanOrEqual(0);
    expect(offline.delayMs).toBeLessThan(10); // attempt 0: [0, base)
    await until(() => FakeSocket.all.length === 2);
    // Failures in a row widen the window, up to the cap...
    FakeSocket.all[1]!.drop(1006);
    expect(states.at(-1)!.delayMs).toBeLessThan(20);
    await until(() => FakeSocket.all.length === 3);
    // ...and `ready` resets it.
    ready(FakeSocket.all[2]!);
    FakeSocket.all[2]!.drop(1001);
    expect(states.at(-1)!.delayMs).toBeLessThan(10);
    await until(() => FakeSocket.all.length === 4);
    socket.stop();
  });

  it.each([
    [CloseCode.Replaced, 'replaced'],
    [CloseCode.Revoked, 'revoked'],
    [CloseCode.Unauthenticated, 'unauthenticated'],
    [CloseCode.UnsupportedVersion, 'unsupported_version'],
  ])('stops for good on close code %i (%s) instead of hammering', (code, reason) => {
    vi.useFakeTimers();
    try {
      const { socket, states, ended, ready } = harness();
      socket.start();
      ready(FakeSocket.all[0]!);
      FakeSocket.all[0]!.drop(code);
      expect(ended).toEqual([reason]);
      expect(states.at(-1)!.state).toBe('stopped');
      vi.advanceTimersByTime(60_000); // far past any backoff: still no new socket
      expect(FakeSocket.all).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not send when not ready, so the outbox keeps the frame', () => {
    const { socket } = harness();
    socket.start();
    FakeSocket.all[0]!.open();
    expect(socket.send({ t: 'ping' })).toBe(false);
    socket.stop();
  });
});
