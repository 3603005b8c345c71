import { readFileSync } from 'node:fs';
import { fullGc, mark, marksOn, slowBuckets } from './diagnostics.js';
import type { Ledger, Ledgers } from './ledger.js';
import type { Workload } from './relay-workload.js';
import { summarize } from './stats.js';

/*
 * The two relay phases, shared by every server the bench measures (KidTalk, the reference
 * relay, a peer over XMPP), so that each is offered exactly the same load. Clients are paired
 * u0↔u1, u2↔u3…; `sendFrom(i, id)` sends message `id` from client i to its partner.
 */
export type SendFrom = (i: number, id: string) => void;
export interface Receiver<M extends { id?: string }> {
  onMsg: (m: M, now: number) => void;
}

export const partner = (i: number) => (i % 2 === 0 ? i + 1 : i - 1);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A full collection in this generator (never in the server) before the paced phase. What the
 * ramp left in its heap was otherwise collected during the paced phase, a mark-compact and
 * 13–21 ms scavenges in its first seconds, which every message in flight then carried as
 * latency whatever server it measured.
 */
async function settleGenerator(): Promise<void> {
  fullGc();
  await sleep(50);
}

/** A server's CPU time (user + system) in microseconds, from /proc. */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1e6) / 100;
}

function rssKb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

export const perConnKb = (bytes: number, conns: number) =>
  Math.round((bytes / 1024 / conns) * 10) / 10;

export async function inBatches<T>(items: T[], concurrency: number, fn: (t: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/** Connects every client, `concurrency` at a time: the rate, and the server's resident growth. */
export async function rampPhase<C>(
  w: Workload,
  clients: C[],
  connect: (c: C) => Promise<void>,
  serverPid: number,
) {
  const rssBefore = rssKb(serverPid);
  mark('ramp');
  const start = performance.now();
  await inBatches(clients, w.ramp.concurrency, connect);
  const seconds = (performance.now() - start) / 1000;
  await sleep(w.ramp.settleMs);
  return {
    connsPerSec: Math.round(clients.length / seconds),
    serverRssKbPerConn: perConnKb((rssKb(serverPid) - rssBefore) * 1024, clients.length),
  };
}

/** A fixed offered load well below saturation, sent in 10 ms ticks; returns its figures. */
export async function pacedPhase(w: Workload, ledger: Ledger, clients: number, send: SendFrom) {
  let n = 0;
  const total = w.relayPaced.ratePerSec * w.relayPaced.durationSec;
  const tickMs = 10;
  const perTick = (w.relayPaced.ratePerSec * tickMs) / 1000;
  await settleGenerator();
  mark('paced');
  const start = performance.now();
  while (n < total) {
    const due = Math.min(
      total,
      Math.floor(((performance.now() - start) / 1000) * w.relayPaced.ratePerSec) + perTick,
    );
    for (; n < due; n++) send(n % clients, ledger.send());
    await sleep(tickMs);
  }
  await ledger.drained(w.relayPaced.drainTimeoutMs, total);
  if (marksOn)
    process.stderr.write(
      `paced slow buckets ${slowBuckets(ledger.sentTimes, ledger.latencies, start)}\n`,
    );
  // The first second runs on a server that has relayed nothing yet (code not optimized by the
  // JIT, routes not cached, the heap still growing): the p99 without it tells the two apart.
  const warm = ledger.latencies.filter((_, k) => ledger.sentTimes[k]! - start >= 1000);
  return {
    offered: total,
    latencyMs: summarize(ledger.latencies),
    latencyAfterFirstSecondMs: summarize(warm),
  };
}

/**
 * Every sender keeps at most `window` undelivered messages outstanding, until it sent
 * `messagesPerSender` or the phase's time is up; then the phase drains. Returns the phase's
 * ledger and figures, with the server's and this generator's CPU over it. Leaves each client's
 * `onMsg` on this phase's ledger: the caller wires them back.
 */
export async function saturatePhase<M extends { id?: string }>(
  w: Workload,
  ledgers: Ledgers,
  clients: Receiver<M>[],
  send: SendFrom,
  serverPid: number,
) {
  const ledger = ledgers.open();
  const perSender = w.relaySaturate.messagesPerSender;
  const outstanding = new Array<number>(clients.length).fill(0);
  const sentBy = new Array<number>(clients.length).fill(0);
  const cpu0 = cpuMicros(serverPid);
  const gen0 = process.cpuUsage();
  mark('sat');
  const start = performance.now();
  const end = start + w.relaySaturate.durationSec * 1000;
  const pump = (i: number) => {
    while (
      outstanding[i]! < w.relaySaturate.window &&
      sentBy[i]! < perSender &&
      performance.now() < end
    ) {
      sentBy[i]!++;
      outstanding[i]!++;
      send(i, ledger.send());
    }
  };
  clients.forEach((c, i) => {
    c.onMsg = (m, now) => {
      if (!m.id || ledgers.receive(m.id, now) !== ledger) return;
      const sender = partner(i);
      outstanding[sender]!--;
      pump(sender);
    };
  });
  clients.forEach((_, i) => pump(i));
  const sent = () => sentBy.reduce((a, b) => a + b, 0);
  while (performance.now() < end && ledger.received < clients.length * perSender) await sleep(20);
  await ledger.drained(w.relaySaturate.drainTimeoutMs, sent());
  const cpu = cpuMicros(serverPid) - cpu0;
  const gen = process.cpuUsage(gen0);
  const seconds = (ledger.lastDelivery - start) / 1000;
  return {
    ledger,
    figures: {
      sent: sent(),
      deliveredPerSec: Math.round(ledger.received / seconds),
      serverCpuUsPerMsg: Math.round(cpu / Math.max(1, ledger.received)),
      serverCpuShare: Math.round((cpu / 1e6 / seconds) * 100) / 100,
      // Near 1, the load generator itself would be the limit, not the server.
      generatorCpuShare: Math.round(((gen.user + gen.system) / 1e6 / seconds) * 100) / 100,
      latencyMs: summarize(ledger.latencies),
    },
  };
}
