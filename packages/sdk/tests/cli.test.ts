import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestCode, nextPhone } from '../../server/tests/support/flows.js';
import type { LiveServer } from '../../server/tests/support/live-server.js';
import { startLiveServer } from '../../server/tests/support/live-server.js';
import type { KidTalkClient, ReceivedMessage } from '../src/index.js';
import { signedIn, until } from './support/sdk-flows.js';

const BIN = fileURLToPath(new URL('../bin/kidtalk.mjs', import.meta.url));

/** The real `kidtalk` program in a child process, with its output as lines. */
function kidtalk(args: string[]) {
  const p = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buf = '';
  let stderr = '';
  p.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    const parts = buf.split('\n');
    buf = parts.pop()!;
    lines.push(...parts);
  });
  p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number>((resolve) => p.on('exit', (c) => resolve(c ?? -1)));
  return {
    lines,
    exited,
    write: (line: string) => p.stdin.write(line + '\n'),
    end: () => p.stdin.end(),
    waitFor: async (re: RegExp) => {
      await until(() => lines.some((l) => re.test(l)) || p.exitCode !== null, 60_000);
      const hit = lines.find((l) => re.test(l));
      if (!hit) throw new Error(`no ${re} in:\n${lines.join('\n')}\n${stderr}`);
      return hit;
    },
  };
}

describe('kidtalk CLI as a real second client', () => {
  let live: LiveServer;
  let bob: KidTalkClient;
  const got: ReceivedMessage[] = [];
  const store = mkdtempSync(join(tmpdir(), 'kidtalk-cli-'));
  let cliPublicId = '';

  beforeAll(async () => {
    live = await startLiveServer('sqlite');
    // The CLI runs on the real clock; bring the server's manual clock to it.
    live.clock.advance(Date.now() - live.clock.now());
    bob = await signedIn(live, 'Bob');
    bob.on('message', (m) => got.push(m));
    await bob.connect();
  });

  afterAll(async () => {
    await bob?.close();
    await live?.close();
  });

  it('signs in, reading the code from the prompt', async () => {
    const phone = nextPhone();
    const p = kidtalk([
      'signin',
      '--server',
      live.url,
      '--phone',
      phone,
      '--name',
      'Cli',
      '--store',
      store,
    ]);
    await p.waitFor(/^Code:/);
    p.write(await latestCode(live, phone));
    const line = await p.waitFor(/^Signed in as Cli/);
    cliPublicId = /\(([2-9A-Z]{9})\)/.exec(line)![1]!;
    expect(await p.exited).toBe(0);
  });

  it('adds a contact', async () => {
    const p = kidtalk(['add', bob.session!.publicId, '--store', store]);
    await p.waitFor(/Friend request to Bob .*: pending/);
    expect(await p.exited).toBe(0);
    expect((await bob.contacts.add(cliPublicId)).status).toBe('approved');
  });

  it('chats: lines typed are sent, incoming messages are printed', async () => {
    const p = kidtalk(['chat', bob.session!.publicId, '--store', store]);
    await p.waitFor(/^Chatting with/);
    // The CLI created the conversation; its Welcome put Bob's device in the group.
    const conv = (await bob.conversations.list())[0]!.id;
    await until(() => bob.canSend(conv));
    p.write('hello from the terminal');
    await until(() => got.length === 1);
    expect(got[0]!.body.content).toEqual({ type: 'text', text: 'hello from the terminal' });
    await bob.sendText(conv, 'hi cli');
    await p.waitFor(new RegExp(`^\\[${bob.session!.publicId}\\] hi cli$`));
    p.write('/quit');
    expect(await p.exited).toBe(0);
  });

  it('sends one message non-interactively and waits for the ack', async () => {
    const p = kidtalk(['send', bob.session!.publicId, 'one', 'more', '--store', store]);
    await p.waitFor(/^sent /);
    expect(await p.exited).toBe(0);
    await until(() => got.length === 2);
    expect(got[1]!.body.content).toEqual({ type: 'text', text: 'one more' });
  });
});
