import { randomBytes } from 'node:crypto';
import { mark } from './diagnostics.js';
import type { PeerServer } from './ejabberd.js';
import { Ledgers, MessageBook } from './ledger.js';
import type { SendFrom } from './relay-phases.js';
import { pacedPhase, partner, rampPhase, saturatePhase } from './relay-phases.js';
import type { Workload } from './relay-workload.js';
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

  const ramp = await rampPhase(w, clients, (c) => c.connect(w.ramp.perConnTimeoutMs), server.pid);

  const send: SendFrom = (i, id) => clients[i]!.send(clients[partner(i)]!.jid, id, body);
  const paced = ledgers.open();
  const relayPaced = await pacedPhase(w, paced, clients.length, send);

  const sat = await saturatePhase(w, ledgers, clients, send, server.pid);
  mark('end');
  await Promise.all(clients.map((c) => c.close()));
  return {
    ramp,
    relayPaced,
    relaySaturate: sat.figures,
    undelivered: paced.sent - paced.received + (sat.ledger.sent - sat.ledger.received),
    duplicated: paced.duplicated + sat.ledger.duplicated,
  };
}
