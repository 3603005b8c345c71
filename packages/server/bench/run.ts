import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildConfig } from '../src/config/config.js';
import { readEnv } from '../src/config/env.js';
import { loadSecrets } from '../src/config/secrets.js';
import { createPgDatabase } from '../tests/support/databases.js';
import { runAccountsWorkload } from './accounts-workload.js';
import type { Workload } from './relay-workload.js';
import { runRelayWorkload } from './relay-workload.js';
import { ofReference } from './reference-ratios.js';
import { seed } from './seed.js';
import { spawnEjabberd } from './ejabberd.js';
import { runPeerWorkload } from './peer-workload.js';
import { freePort, REFERENCE_ENTRY, SERVER_ENTRY, spawnServer } from './spawn-server.js';

/**
 * `npm run bench -w packages/server [-- --pin] [--pg URL] [--redis URL] [--only relay|accounts]
 * [--reference] [--ejabberd]`. Prints one JSON object. With --pg, KidTalk runs on a scratch database
 * created on that PostgreSQL server and dropped afterwards. With --pin the server runs on core
 * 0 and this load generator on core 1, as the peer figures in ../shared/bench were taken. With
 * --reference the relay workload then runs again against the bare durable relay of the peer
 * figures (reference-relay.ts), and `ofReference` gives KidTalk's figures as shares of its own.
 * With --ejabberd it runs against Debian's ejabberd too (ejabberd.ts, if installed), pinned the
 * same way, and `ofEjabberd` does the same: the peer figures' targets, read in one sitting.
 */
const args = process.argv.slice(2);
const pin = args.includes('--pin');
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

if (pin && process.env.KIDTALK_BENCH_PINNED !== '1') {
  // Re-run this generator itself on core 1, with its Node flags: the larger semi-space in
  // package.json keeps its own scavenges (16–22 ms every ~0.7 s with V8's default, as its
  // ledger grows) out of the latencies it measures.
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(
    'taskset',
    ['-c', '1', process.execPath, ...process.execArgv, self, ...args],
    {
      stdio: 'inherit',
      env: { ...process.env, KIDTALK_BENCH_PINNED: '1' },
    },
  );
  process.exit(r.status ?? 1);
}

const here = path.dirname(fileURLToPath(import.meta.url));
const workloadFile = path.resolve(here, '../../../../shared/bench/workload.json');
const workload = JSON.parse(readFileSync(workloadFile, 'utf8')) as Workload;

async function relay(entry: string) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kidtalk-bench-'));
  // The reference relay uses neither PostgreSQL nor Redis: its accounts are seeded into a fresh
  // SQLite database whatever the flags say, and it reads them from roster.json.
  const ours = entry === SERVER_ENTRY;
  const pgServer = ours ? arg('--pg') : undefined;
  const scratch = pgServer ? await createPgDatabase(pgServer, 'kidtalk_bench') : undefined;
  const env: Record<string, string> = {
    KIDTALK_DATA_DIR: dataDir,
    ...(scratch && { DATABASE_URL: scratch.url }),
    ...(ours && arg('--redis') && { REDIS_URL: arg('--redis')! }),
  };
  let server;
  try {
    const raw = readEnv(env);
    const config = buildConfig(raw);
    const secrets = await loadSecrets(raw, config);
    const seeded = await seed(config.database, secrets.tokenKey, workload.users);
    if (entry === REFERENCE_ENTRY) writeRoster(dataDir, seeded);
    server = await spawnServer(env, pin ? 0 : undefined, dataDir, entry);
    return {
      database: config.database.kind,
      bus: config.redisUrl ? 'redis' : 'memory',
      ...(await runRelayWorkload(
        server.url,
        server.proc.pid!,
        server,
        workload,
        seeded.users,
        seeded.conversations,
      )),
    };
  } finally {
    await server?.stop();
    await scratch?.drop();
  }
}

/** Who holds which token and who is in which conversation: all the reference relay knows. */
function writeRoster(dataDir: string, seeded: Awaited<ReturnType<typeof seed>>): void {
  const ids = seeded.users.map((u) => u.accountId);
  writeFileSync(
    path.join(dataDir, 'roster.json'),
    JSON.stringify({
      tokens: Object.fromEntries(seeded.users.map((u) => [u.token, u.accountId])),
      conversations: Object.fromEntries(
        seeded.conversations.map((c, i) => [c, [ids[2 * i], ids[2 * i + 1]]]),
      ),
    }),
  );
}

const only = arg('--only');
const out: Record<string, unknown> = { pinned: pin };
if (only !== 'accounts') {
  const ours = await relay(SERVER_ENTRY);
  Object.assign(out, ours);
  if (args.includes('--reference')) {
    const reference = await relay(REFERENCE_ENTRY);
    out.reference = reference;
    out.ofReference = ofReference(ours, reference);
  }
  if (args.includes('--ejabberd')) {
    const peer = await spawnEjabberd(await freePort(), pin ? 0 : undefined);
    try {
      out.ejabberd = await runPeerWorkload(peer, workload);
    } finally {
      await peer.stop();
    }
    out.ofEjabberd = ofReference(ours, out.ejabberd);
  }
}
if (only !== 'relay') out.accounts = await runAccountsWorkload(pin);
console.log(JSON.stringify(out, null, 2));
