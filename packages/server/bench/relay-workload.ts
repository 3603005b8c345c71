import { randomBytes } from 'node:crypto';
import { BenchClient } from './bench-client.js';
import { mark, marksOn, watchStalls } from './diagnostics.js';
import { Ledgers, MessageBook } from './ledger.js';
import type { SendFrom } from './relay-phases.js';
import {
  inBatches,
  pacedPhase,
  partner,
  perConnKb,
  rampPhase,
  saturatePhase,
  sleep,
} from './relay-phases.js';
import type { SeededUser } from './seed.js';
import type { GcTotals, SpawnedServer } from './spawn-server.js';
import { summarize } from './stats.js';

export interface Workload {
  users: number;
  ramp: { concurrency: number; perConnTimeoutMs: number; settleMs: number; timeoutMs: number };
  message: { bodyBytes: number };
  relayPaced: { ratePerSec: number; durationSec: number; drainTimeoutMs: number };
  relaySaturate: {
    messagesPerSender: number;
    window: number;
    durationSec: number;
    drainTimeoutMs: number;
  };
  offline: {
    offlineUsers: number;
    messagesPerUser: number;
    barrierEvery: number;
    timeoutMs: number;
  };
}

function gcDelta(before: GcTotals, after: GcTotals): GcTotals {
  const out: GcTotals = {};
  for (const [kind, a] of Object.entries(after)) {
    const b = before[kind] ?? { n: 0, ms: 0 };
    out[kind] = { n: a.n - b.n, ms: Math.round((a.ms - b.ms) * 10) / 10 };
  }
  return out;
}

if (marksOn) watchStalls('generator');

export async function runRelayWorkload(
  url: string,
  serverPid: number,
  probe: Pick<SpawnedServer, 'gcStats' | 'settledMemory'>,
  w: Workload,
  users: SeededUser[],
  convs: string[],
) {
  const body = randomBytes(w.message.bodyBytes).toString('base64url');
  const frank = randomBytes(32).toString('base64url');
  const clients = users.map((u) => new BenchClient(url, u.token));
  const convOf = (i: number) => convs[Math.floor(i / 2)]!;
  const ledgers = new Ledgers(
    new MessageBook(
      w.relayPaced.ratePerSec * w.relayPaced.durationSec +
        users.length * w.relaySaturate.messagesPerSender +
        w.offline.offlineUsers * w.offline.messagesPerUser,
    ),
  );
  const onMsg = (m: { id?: string }, now: number) => void (m.id && ledgers.receive(m.id, now));
  const wire = (i: number) => {
    const c = clients[i]!;
    c.onMsg = onMsg;
    c.onSent = (id, ts) => ledgers.sent(id, ts);
  };
  clients.forEach((_, i) => wire(i));

  // Ramp: connect everyone, 50 at a time.
  const ramp = await rampPhase(w, clients, (c) => c.connect(), serverPid);

  // Paced relay: a fixed offered load well below saturation.
  const send: SendFrom = (i, id) => clients[i]!.send(convOf(i), id, body, frank);
  const paced = ledgers.open();
  const pacedGc0 = await probe.gcStats();
  const pacedFigures = await pacedPhase(w, paced, clients.length, send);
  // The server's scavenges are most of what is left of its paced tail: their count and time.
  // The paced phase's end is the saturation's start: one ask of the server for both.
  const satGc0 = await probe.gcStats();
  const relayPaced = { ...pacedFigures, serverGc: gcDelta(pacedGc0, satGc0) };
  const residence = summarize(paced.residence);

  // Saturation: every sender keeps at most `window` undelivered messages outstanding.
  const sat = await saturatePhase(w, ledgers, clients, send, serverPid);
  const satGc = gcDelta(satGc0, await probe.gcStats());
  const relaySaturate = {
    ...sat.figures,
    // GC pauses over the phase (the server is pinned, so its GC threads share its core): the
    // part of serverCpuUsPerMsg a CPU profile shows only as "(garbage collector)".
    serverGc: {
      ...satGc,
      usPerMsg: Math.round(
        (Object.values(satGc).reduce((a, k) => a + k.ms, 0) * 1000) /
          Math.max(1, sat.ledger.received),
      ),
    },
  };
  clients.forEach((_, i) => wire(i));

  // Offline: receivers leave, senders store, receivers come back and drain.
  const off = ledgers.open();
  const receivers = Array.from({ length: w.offline.offlineUsers }, (_, k) => 2 * k + 1).filter(
    (i) => i < clients.length,
  );
  await Promise.all(receivers.map((i) => clients[i]!.close()));
  mark('store');
  const storeStart = performance.now();
  await Promise.all(
    receivers.map(async (r) => {
      const s = partner(r);
      for (let k = 0; k < w.offline.messagesPerUser; k++) {
        clients[s]!.send(convOf(s), off.send(), body, frank);
        if ((k + 1) % w.offline.barrierEvery === 0) await clients[s]!.ping();
      }
    }),
  );
  const expected = receivers.length * w.offline.messagesPerUser;
  while (off.acked < expected && performance.now() - storeStart < w.offline.timeoutMs)
    await sleep(10);
  const storeSec = (performance.now() - storeStart) / 1000;
  mark('drain');
  const drainStart = performance.now();
  await inBatches(receivers, w.ramp.concurrency, async (i) => {
    const c = new BenchClient(url, users[i]!.token);
    clients[i] = c;
    c.onMsg = onMsg;
    await c.connect();
  });
  await off.drained(w.offline.timeoutMs, expected);
  const drainSec = (off.lastDelivery - drainStart) / 1000;
  const offline = {
    stored: off.acked,
    storePerSec: Math.round(off.acked / storeSec),
    drainPerSec: Math.round(off.received / drainSec),
  };

  mark('end');
  // Memory per connection: what is live (JS heap and buffers, after a full GC) with every
  // client connected, less what is live once they have all gone. Taken here, after the last
  // phase, because a forced full GC shrinks the young generation, and after the ramp it made
  // the paced phase's p99 three to four times worse. The resident-size growth over the ramp,
  // the figure before, is kept as `serverRssKbPerConn`: V8 keeps or returns pages as it
  // likes, and it read from −13 to +10 KB per connection.
  const connected = await probe.settledMemory();
  await Promise.all(clients.map((c) => c.close()));
  await sleep(w.ramp.settleMs);
  const gone = await probe.settledMemory();
  const live = (m: NodeJS.MemoryUsage) => m.heapUsed + m.external;
  return {
    ramp: { ...ramp, serverKbPerConn: perConnKb(live(connected) - live(gone), clients.length) },
    relayPaced,
    relaySaturate,
    offline,
    residenceMs: { mean: residence.mean, p99: residence.p99 },
    lost: paced.lost + sat.ledger.lost + off.lost,
    duplicated: paced.duplicated + sat.ledger.duplicated + off.duplicated,
  };
}
