import { spawn } from 'node:child_process';
import {
  chownSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

export const EJABBERDCTL = '/usr/sbin/ejabberdctl';

export interface PeerServer {
  host: string;
  port: number;
  /** The Erlang VM's PID, for its CPU time and resident size. */
  pid: number;
  stop(): Promise<void>;
}

/**
 * The configuration the peer figures describe: c2s on loopback without TLS, no traffic shaper
 * (Debian's default limits a client to 1,000 B/s), a listen backlog as deep as Node's (with
 * ejabberd's default of 5, the ramp's bursts of 50 connections overflowed it), no message
 * archive. Logins are anonymous, so the bench needs no accounts; that leaves out the offline
 * phase.
 */
function config(port: number): string {
  return `hosts:
  - localhost
loglevel: warning
listen:
  -
    port: ${port}
    ip: "127.0.0.1"
    module: ejabberd_c2s
    max_stanza_size: 262144
    shaper: none
    backlog: 1024
auth_method: anonymous
anonymous_protocol: sasl_anon
modules: {}
`;
}

function beamPid(node: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv[0]?.endsWith('beam.smp') && argv.includes(node)) return Number(entry);
    } catch {
      // gone between the listing and the read
    }
  }
  return undefined;
}

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

/**
 * Starts Debian's ejabberd (`apt-get install ejabberd`; it is not a dependency of KidTalk)
 * with its own configuration and spool in a scratch folder, optionally pinned to one core as
 * the KidTalk server is. Started as root, the VM runs as ejabberd's own user, who is given the
 * folder.
 */
export async function spawnEjabberd(port: number, cpu?: number): Promise<PeerServer> {
  if (!existsSync(EJABBERDCTL))
    throw new Error(`${EJABBERDCTL} not found: install Debian's ejabberd to measure it`);
  const dir = mkdtempSync(path.join(tmpdir(), 'kidtalk-ejabberd-'));
  writeFileSync(path.join(dir, 'ejabberd.yml'), config(port));
  writeFileSync(path.join(dir, 'ejabberdctl.cfg'), '');
  copyFileSync('/etc/ejabberd/inetrc', path.join(dir, 'inetrc'));
  const root = userInfo().uid === 0;
  if (root) {
    const uid = Number(/^ejabberd:[^:]*:(\d+):/m.exec(readFileSync('/etc/passwd', 'utf8'))?.[1]);
    for (const f of ['', 'ejabberd.yml', 'ejabberdctl.cfg', 'inetrc'])
      chownSync(path.join(dir, f), uid, -1);
  }
  const node = `kidtalk-bench-${process.pid}@localhost`;
  const ctl = [
    EJABBERDCTL,
    ...['--config-dir', dir, '--config', path.join(dir, 'ejabberd.yml')],
    ...['--ctl-config', path.join(dir, 'ejabberdctl.cfg')],
    ...['--spool', path.join(dir, 'spool'), '--logs', dir, '--node', node, 'foreground'],
  ];
  // As root, ejabberdctl would `su` to its user, and PAM would cut the VM's open files to 1,024:
  // the ramp's thousand clients then fail to connect. setpriv changes user and keeps the limit.
  const asUser = root ? ['setpriv', '--reuid=ejabberd', '--regid=ejabberd', '--init-groups'] : [];
  const argv = [...(cpu === undefined ? [] : ['taskset', '-c', String(cpu)]), ...asUser, ...ctl];
  const proc = spawn(argv[0]!, argv.slice(1), {
    cwd: dir,
    stdio: 'ignore',
    detached: true,
    env: { ...process.env, ...(root && { HOME: '/var/lib/ejabberd' }) },
  });
  const deadline = Date.now() + 60_000;
  while (!(await listening(port))) {
    if (Date.now() > deadline || proc.exitCode !== null)
      throw new Error(`ejabberd did not start (logs in ${dir})`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const vm = beamPid(node);
  if (vm === undefined) throw new Error('ejabberd is listening but its VM was not found');
  return {
    host: '127.0.0.1',
    port,
    pid: vm,
    stop: async () => {
      for (const pid of [-proc.pid!, vm]) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
      for (let i = 0; i < 100 && existsSync(`/proc/${vm}`); i++)
        await new Promise((r) => setTimeout(r, 100));
    },
  };
}
