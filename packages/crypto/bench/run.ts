/*
 * Prints one JSON object: wrapper vs raw ts-mls message throughput, commit latency and sizes.
 * Run: npm run bench -w packages/crypto
 */
import {
  createApplicationMessage,
  createCommit,
  createGroup as mlsCreateGroup,
  decodeMlsMessage,
  encodeMlsMessage,
  defaultCapabilities,
  defaultLifetime,
  emptyPskIndex,
  generateKeyPackage,
  getCiphersuiteFromName,
  getCiphersuiteImpl,
  joinGroup,
  processPrivateMessage,
} from 'ts-mls';
import type { ClientState } from 'ts-mls';
import {
  addMembers,
  CIPHERSUITE_NAME,
  createCryptoContext,
  createDeviceIdentity,
  createGroup,
  encryptMessage,
  exportGroupState,
  generateDeviceKeys,
  generateKeyPackages,
  generateServerKeyPair,
  generateStorageKey,
  issueCredential,
  joinFromWelcome,
  processIncoming,
  removeMembers,
} from '../src/index.js';
import type {
  CryptoContext,
  DeviceIdentity,
  Group,
  MessageBody,
  ServerKeyPair,
} from '../src/index.js';

const MESSAGE_BYTES = 200;
const THROUGHPUT_MS = 1000;
const ROUNDS = 5;
const COMMIT_RUNS = 7;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};
const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

interface Device {
  ctx: CryptoContext;
  identity: DeviceIdentity;
}

async function device(server: ServerKeyPair, accountId: string): Promise<Device> {
  const keys = await generateDeviceKeys();
  const credential = await issueCredential(server, {
    accountId,
    deviceId: 'd1',
    signaturePublicKey: keys.signaturePublicKey,
  });
  return {
    ctx: createCryptoContext({ serverPublicKey: server.publicKey }),
    identity: await createDeviceIdentity(keys, credential, server.publicKey),
  };
}

/** Runs `step` for about THROUGHPUT_MS, returns ops/s. */
async function throughput(count: number, step: (i: number) => Promise<void>): Promise<number> {
  const start = performance.now();
  let i = 0;
  while (i < count && performance.now() - start < THROUGHPUT_MS) await step(i++);
  return (i * 1000) / (performance.now() - start);
}

interface Runner {
  round(): Promise<{ encrypt: number; decrypt: number; ciphertextBytes: number }>;
}

async function wrapperMessages(server: ServerKeyPair): Promise<Runner> {
  const alice = await device(server, 'alice');
  const bob = await device(server, 'bob');
  let ag = await createGroup(alice.ctx, alice.identity);
  const kps = await generateKeyPackages(bob.identity);
  const p = await addMembers(alice.ctx, ag, [kps[0]!.keyPackage]);
  ag = p.confirm();
  let bg = (await joinFromWelcome(bob.ctx, bob.identity, kps, p.welcome!)).group;

  // The encoded body (JSON envelope + text) is exactly MESSAGE_BYTES long.
  const overhead = JSON.stringify({
    v: 1,
    id: 'm',
    sentAt: 1,
    content: { type: 'text', text: '' },
  }).length;
  const body: MessageBody = {
    id: 'm',
    sentAt: 1,
    content: { type: 'text', text: 'x'.repeat(MESSAGE_BYTES - overhead) },
  };
  return {
    async round() {
      const sent: { ciphertext: Uint8Array; frankTag: Uint8Array }[] = [];
      const encrypt = await throughput(100_000, async () => {
        const r = await encryptMessage(alice.ctx, ag, body);
        ag = r.group;
        sent.push(r);
      });
      const decrypt = await throughput(sent.length, async (i) => {
        const r = await processIncoming(bob.ctx, bg, sent[i]!);
        bg = r.group;
      });
      return { encrypt, decrypt, ciphertextBytes: sent[0]!.ciphertext.length };
    },
  };
}

async function rawMessages(): Promise<Runner> {
  const cs = await getCiphersuiteImpl(getCiphersuiteFromName(CIPHERSUITE_NAME));
  const mk = (name: string) =>
    generateKeyPackage(
      { credentialType: 'basic', identity: new TextEncoder().encode(name) },
      defaultCapabilities(),
      defaultLifetime,
      [],
      cs,
    );
  const a = await mk('alice');
  const b = await mk('bob');
  let alice: ClientState = await mlsCreateGroup(
    new Uint8Array(32).fill(7),
    a.publicPackage,
    a.privatePackage,
    [],
    cs,
  );
  const c = await createCommit(
    { state: alice, cipherSuite: cs },
    {
      extraProposals: [{ proposalType: 'add', add: { keyPackage: b.publicPackage } }],
      ratchetTreeExtension: true,
    },
  );
  alice = c.newState;
  let bob: ClientState = await joinGroup(
    c.welcome!,
    b.publicPackage,
    b.privatePackage,
    emptyPskIndex,
    cs,
  );
  const plaintext = new Uint8Array(MESSAGE_BYTES).fill(120);
  return {
    async round() {
      // Wire encoding is included on both sides: the SDK has to put bytes on the socket.
      const sent: Uint8Array[] = [];
      const encrypt = await throughput(100_000, async () => {
        const r = await createApplicationMessage(alice, plaintext, cs);
        alice = r.newState;
        sent.push(
          encodeMlsMessage({
            version: 'mls10',
            wireformat: 'mls_private_message',
            privateMessage: r.privateMessage,
          }),
        );
      });
      const decrypt = await throughput(sent.length, async (i) => {
        const m = decodeMlsMessage(sent[i]!, 0)![0];
        if (m.wireformat !== 'mls_private_message') throw new Error('unexpected');
        const r = await processPrivateMessage(bob, m.privateMessage, emptyPskIndex, cs);
        bob = r.newState;
      });
      return { encrypt, decrypt, ciphertextBytes: 0 };
    },
  };
}

async function commitsAt(server: ServerKeyPair, size: number) {
  const creator = await device(server, 'creator');
  let group: Group = await createGroup(creator.ctx, creator.identity);
  const others: Device[] = [];
  for (let i = 1; i < size; i++) others.push(await device(server, `m${i}`));
  if (others.length > 0) {
    const kps = await Promise.all(
      others.map(async (d) => (await generateKeyPackages(d.identity))[0]!.keyPackage),
    );
    group = (await addMembers(creator.ctx, group, kps)).confirm();
  }
  const newcomers = await Promise.all(
    Array.from({ length: COMMIT_RUNS }, async (_, i) => {
      const d = await device(server, `new${i}`);
      return (await generateKeyPackages(d.identity))[0]!.keyPackage;
    }),
  );
  const addMs: number[] = [];
  let welcomeBytes = 0;
  let addCommitBytes = 0;
  let groupInfoBytes = 0;
  for (const kp of newcomers) {
    const t = performance.now();
    const p = await addMembers(creator.ctx, group, [kp]);
    addMs.push(performance.now() - t);
    welcomeBytes = p.welcome!.length;
    addCommitBytes = p.commit.length;
    groupInfoBytes = p.groupInfo.length;
    p.discard();
  }
  const removeMs: number[] = [];
  let removeCommitBytes = 0;
  if (size > 1) {
    for (let i = 0; i < COMMIT_RUNS; i++) {
      const t = performance.now();
      const p = await removeMembers(creator.ctx, group, [
        { accountId: `m${1 + (i % (size - 1))}` },
      ]);
      removeMs.push(performance.now() - t);
      removeCommitBytes = p.commit.length;
      p.discard();
    }
  }
  const stateBytes = (await exportGroupState(group, await generateStorageKey())).length;
  return {
    addCommitMs: round(median(addMs), 2),
    removeCommitMs: round(median(removeMs), 2),
    welcomeBytes,
    addCommitBytes,
    removeCommitBytes,
    groupInfoBytes,
    stateBytes,
  };
}

async function main(): Promise<void> {
  const started = performance.now();
  const server = await generateServerKeyPair();
  // Alternate raw and wrapped rounds so machine noise hits both alike; the first is warm-up.
  const rawRunner = await rawMessages();
  const ourRunner = await wrapperMessages(server);
  await rawRunner.round();
  await ourRunner.round();
  const rawRounds = [];
  const ourRounds = [];
  for (let i = 0; i < ROUNDS; i++) {
    rawRounds.push(await rawRunner.round());
    ourRounds.push(await ourRunner.round());
  }
  const raw = {
    encrypt: median(rawRounds.map((r) => r.encrypt)),
    decrypt: median(rawRounds.map((r) => r.decrypt)),
  };
  const ours = {
    encrypt: median(ourRounds.map((r) => r.encrypt)),
    decrypt: median(ourRounds.map((r) => r.decrypt)),
    ciphertextBytes: ourRounds[0]!.ciphertextBytes,
  };
  const commits: Record<string, unknown> = {};
  for (const size of [2, 10, 50]) commits[`members_${size}`] = await commitsAt(server, size);
  const result = {
    node: process.version,
    messageBytes: MESSAGE_BYTES,
    encryptOpsPerSec: round(ours.encrypt),
    decryptOpsPerSec: round(ours.decrypt),
    rawTsMlsEncryptOpsPerSec: round(raw.encrypt),
    rawTsMlsDecryptOpsPerSec: round(raw.decrypt),
    encryptOverheadPct: round((1 - ours.encrypt / raw.encrypt) * 100),
    decryptOverheadPct: round((1 - ours.decrypt / raw.decrypt) * 100),
    ciphertextBytes: ours.ciphertextBytes,
    commits,
    totalSeconds: round((performance.now() - started) / 1000),
  };
  console.log(JSON.stringify(result));
}

await main();
