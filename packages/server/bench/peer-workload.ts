import { randomBytes } from 'node:crypto';
import { mark } from './diagnostics.js';
import type { PeerServer } from './ejabberd.js';
import { Ledgers, MessageBook } from './ledger.js';
import type { SendFrom } from './relay-phases.js';
import {
  cpuMicros,
  inBatches,
  pacedPhase,
  partner,
  perConnKb,
  rssKb,
  saturatePhase,
  sleep,
} from './relay-phases.js';
import type { Workload } from './relay-workload.js';
import { summarize } from './stats.js';
import { XmppBenchClient } from './xmpp-client.js';

/**
 * The relay workload's ramp, paced and saturating phases against a peer XMPP server, with the
 * same generator, pacing and ledger as KidTalk's run, so the two can be compared in one
 * sitting. Left out: the offline phase (anonymous logins leave no account to come back to),
 * and `lost`, which needs an acknowledgement XMPP does not give; `undelivered` counts every
 * message sent and never received instead.
 */
export async function runPeerWorkload(server: PeerServer, w: Workload) {
  const body = randomBytes(w.message.bodyBytes).toString('base64url');
  const clients = Array.from(
    { length: w.users },
    () => new XmppBenchClient(server.host, server.port),
  );
  const ledgers = new Ledgers(
    new MessageBook(
      w.relayPaced.ratePerSec * w.relayPaced.durationSec +
        w.users * w.relaySaturate.messagesPerSender,
    ),
  );
  const onMsg = (m: { id?: string }, now: number) => void (m.id && ledgers.receive(m.id, now));
  clients.forEach((c) => (c.onMsg = onMsg));

  const rssBefore = rssKb(server.pid);
  mark('ramp');
  const rampStart = performance.now();
  await inBatches(clients, w.ramp.concurrency, (c) => c.connect(w.ramp.perConnTimeoutMs));
  const rampSec = (performance.now() - rampStart) / 1000;
  await sleep(w.ramp.settleMs);
  const ramp = {
    connsPerSec: Math.round(clients.length / rampSec),
    serverRssKbPerConn: perConnKb((rssKb(server.pid) - rssBefore) * 1024, clients.length),
  };

  const send: SendFrom = (i, id) => clients[i]!.send(clients[partner(i)]!.jid, id, body);
  const paced = ledgers.open();
  const relayPaced = await pacedPhase(w, paced, clients.length, send);

  const cpu0 = cpuMicros(server.pid);
  const gen0 = process.cpuUsage();
  const sat = await saturatePhase(w, ledgers, clients, send);
  const cpu = cpuMicros(server.pid) - cpu0;
  const gen = process.cpuUsage(gen0);
  mark('end');
  await Promise.all(clients.map((c) => c.close()));
  const received = sat.ledger.received;
  return {
    ramp,
    relayPaced,
    relaySaturate: {
      sent: sat.sent,
      deliveredPerSec: Math.round(received / sat.seconds),
      serverCpuUsPerMsg: Math.round(cpu / Math.max(1, received)),
      serverCpuShare: Math.round((cpu / 1e6 / sat.seconds) * 100) / 100,
      generatorCpuShare: Math.round(((gen.user + gen.system) / 1e6 / sat.seconds) * 100) / 100,
      latencyMs: summarize(sat.ledger.latencies),
    },
    undelivered: paced.sent - paced.received + (sat.sent - received),
    duplicated: paced.duplicated + sat.ledger.duplicated,
  };
}
