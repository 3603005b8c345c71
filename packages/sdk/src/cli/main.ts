import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KidTalkError } from '../errors.js';
import { openNodeClient } from '../node.js';
import type { ClientStore } from '../store/client-store.js';
import { FileStore } from '../store/node-file-store.js';
import { SqliteStore } from '../store/sqlite-store.js';
import { parseArgs } from './args.js';
import type { Io } from './commands.js';
import { add, chat, contacts, send, signIn } from './commands.js';

const USAGE = `kidtalk — a small KidTalk client

  kidtalk signin --server URL --phone +8613800000000 [--name "Display Name"]
  kidtalk whoami
  kidtalk add <publicId>          send a friend request, or accept theirs
  kidtalk contacts                contacts and open requests
  kidtalk chat <publicId>         type to send, incoming messages are printed
  kidtalk send <publicId> <text>  send one message and wait for the server's ack

  --store DIR   where this device keeps its keys and messages (default ~/.kidtalk)
`;

const SERVER = 'cli:server';

/** Runs one command; returns the exit code. Exported for tests. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const { command, positionals, flags } = parseArgs(argv);
  if (!command || command === 'help' || flags.has('help')) {
    io.out(USAGE);
    return command ? 0 : 1;
  }
  const store = await openStore(flags.get('store') ?? join(homedir(), '.kidtalk'));
  try {
    const flagServer = flags.get('server');
    if (flagServer) await store.write([{ op: 'set', key: SERVER, value: flagServer }]);
    const server = flagServer ?? (await store.get<string>(SERVER));
    if (!server)
      throw new KidTalkError('NOT_SIGNED_IN', 'run `kidtalk signin --server URL ...` first');
    const client = await openNodeClient({ server, store });
    if (command === 'signin') {
      const phone = flags.get('phone');
      if (!phone) throw new KidTalkError('INVALID_REQUEST', '--phone is required');
      await signIn(client, io, phone, flags.get('name'));
      return 0;
    }
    const session = client.session;
    if (!session) throw new KidTalkError('NOT_SIGNED_IN', 'run `kidtalk signin` first');
    const target = positionals[0];
    switch (command) {
      case 'whoami':
        io.out(`${session.displayName} (${session.publicId}) on ${server}`);
        return 0;
      case 'contacts':
        await contacts(client, io);
        return 0;
      case 'add':
        if (!target) break;
        await add(client, io, target);
        return 0;
      case 'chat':
        if (!target) break;
        await chat(client, io, target);
        return 0;
      case 'send':
        if (!target || positionals.length < 2) break;
        await send(client, io, target, positionals.slice(1).join(' '));
        return 0;
    }
    io.out(USAGE);
    return 1;
  } catch (err) {
    const code = err instanceof KidTalkError ? err.code : 'ERROR';
    io.out(`error: ${code}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await store.close();
  }
}

/** SQLite, except in a directory a FileStore already holds (the CLI used one before). */
function openStore(dir: string): Promise<ClientStore> {
  const fileStore = existsSync(join(dir, 'snapshot.json')) || existsSync(join(dir, 'log-0.jsonl'));
  return fileStore ? FileStore.open(dir) : SqliteStore.open(dir);
}

// Only when run as the program (bin/kidtalk.mjs imports this file for its side effect).
if (process.argv[1]?.match(/kidtalk(\.mjs)?$|cli[/\\]main\.ts$/)) {
  const code = await run(process.argv.slice(2), {
    input: process.stdin,
    out: (line) => process.stdout.write(line + '\n'),
  });
  process.exit(code);
}
