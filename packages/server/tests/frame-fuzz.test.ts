import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ErrorFrame, MsgFrame, ServerFrame } from '@kidtalk/protocol';
import {
  ClientFrame,
  CloseCode,
  ErrorCode,
  MAX_FRAME_BYTES,
  PROTOCOL_VERSION,
} from '@kidtalk/protocol';
import { Compile } from 'typebox/compile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from './support/databases.js';
import type { Adult } from './support/flows.js';
import { signUpAdult } from './support/flows.js';
import type { LiveServer } from './support/live-server.js';
import { startLiveServer } from './support/live-server.js';
import { befriend, conversationOf, sendFrame } from './support/realtime-flows.js';
import { waitFor } from './support/server-process.js';
import { TestSocket } from './support/ws-client.js';

/**
 * Issue 4: 10,000 random and malformed frames from a seeded PRNG (FUZZ_SEED=<n> replays a
 * run). Every frame is answered with a typed `error` frame, or its socket with a close code;
 * the server stays up, a legitimate message still flows, bad frames store nothing, and the
 * heap returns near its baseline.
 */

const [DIALECT] = await testDialects(); // in-process and dialect-neutral: SQLite is enough
const FRAMES = 10_000;
const HEAP_BOUND_BYTES = 30 * 1024 * 1024;
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 32));
const CODES = new Set<string>(Object.values(ErrorCode));

// A real collection before each measurement; without it heapUsed is mostly garbage.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** mulberry32: small, fast and fully determined by its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(0, 255)));
  return { next, int, pick, bytes };
}
type Rng = ReturnType<typeof prng>;

/** What a frame must produce: one error on a live socket, or the socket closed with a code. */
type Fuzz =
  | { kind: 'answered'; data: string | Buffer; binary: boolean; what: string }
  | { kind: 'fatal'; data: string | Buffer; binary: boolean; what: string; codes: number[] };

const JUNK = ['\u0000', '\u202e', '\ud800', '\udfff', '\uffff', '😀', 'Ω', '\u200b', '"', '\\'];
function junkString(r: Rng, max = 40): string {
  let s = '';
  const n = r.int(0, max);
  for (let i = 0; i < n; i++)
    s += r.next() < 0.5 ? r.pick(JUNK) : String.fromCharCode(r.int(0, 0xffff));
  return s;
}

function anyValue(r: Rng, depth = 0): unknown {
  switch (r.int(0, depth > 2 ? 5 : 7)) {
    case 0:
      return null;
    case 1:
      return r.next() < 0.5;
    case 2:
      return r.pick([-1, 0, 1.5, -0.0001, 1e308, 2 ** 53 + 1, NaN, r.int(-1e9, 1e9)]);
    case 3:
      return junkString(r);
    case 4:
      return 'x'.repeat(r.int(0, 300));
    case 5:
      return r.bytes(r.int(0, 40)).toString('base64url');
    case 6:
      return Array.from({ length: r.int(0, 5) }, () => anyValue(r, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: r.int(0, 4) }, () => [junkString(r, 8), anyValue(r, depth + 1)]),
      );
  }
}

/** The frame generators: every one of them is wrong in at least one way the server checks. */
function generators(ctx: { foreignConv: string }) {
  const text = (v: unknown, what: string): Fuzz => ({
    kind: 'answered',
    data: typeof v === 'string' ? v : JSON.stringify(v),
    binary: false,
    what,
  });
  const send = (r: Rng, extra: Record<string, unknown>) => ({ ...sendFrame('x'), ...extra });
  return {
    binaryJunk: (r: Rng): Fuzz => {
      // Invalid UTF-8 (0xff, lone continuation bytes) or even a valid frame, but binary.
      const data =
        r.next() < 0.5
          ? Buffer.concat([Buffer.from([0xff, 0x80]), r.bytes(r.int(0, 200))])
          : Buffer.from(JSON.stringify({ t: 'ping' }));
      return { kind: 'answered', data, binary: true, what: 'binary frame' };
    },
    invalidUtf8Text: (r: Rng): Fuzz => ({
      kind: 'fatal',
      data: Buffer.concat([
        Buffer.from('{"t":"ping","x":"'),
        Buffer.from([0xc3, 0x28, 0xff]),
        r.bytes(r.int(0, 20)),
        Buffer.from('"}'),
      ]),
      binary: false,
      what: 'invalid UTF-8 in a text frame',
      // RFC 6455: invalid UTF-8 in a text frame fails the connection with 1007.
      codes: [1007],
    }),
    oversized: (r: Rng): Fuzz => ({
      kind: 'fatal',
      data: 'x'.repeat(MAX_FRAME_BYTES + r.int(1, 64 * 1024)),
      binary: r.next() < 0.3,
      what: 'oversized frame',
      codes: [CloseCode.TooBig],
    }),
    notJson: (r: Rng): Fuzz =>
      text(
        r.pick(['{', '}', '', 'null,', '{"t":"send"', "{'t':'ping'}", 'NaN']) + junkString(r, 10),
        'not JSON',
      ),
    notObject: (r: Rng): Fuzz =>
      text(JSON.stringify(r.pick([null, 1, 'ping', [], [{ t: 'ping' }], true])), 'not an object'),
    wrongTypes: (r: Rng): Fuzz => {
      const base = r.pick([
        () => send(r, { [r.pick(['id', 'conv', 'epoch', 'body', 'frank', 'eph'])]: anyValue(r) }),
        () => ({ t: 'ack', seqs: anyValue(r) }),
        () => ({ t: 'ping', id: r.pick(['1', -1, 1.5, null, [], {}]) }),
        () => ({ t: 'hello', v: anyValue(r), token: anyValue(r) }),
        () => ({ t: anyValue(r) }),
      ])();
      return text(ensureInvalid(base), 'wrong field types');
    },
    unknownKind: (r: Rng): Fuzz =>
      text(
        {
          t:
            r.pick(['launch', 'msg', 'sent', 'ready', 'PING', 'send ', '', 'error']) +
            junkString(r, 4),
          id: 'fuzz-id-1',
        },
        'unknown kind',
      ),
    extraField: (r: Rng): Fuzz =>
      text({ ...send(r, {}), [junkString(r, 6) || 'x']: anyValue(r) }, 'unknown field'),
    foreignConv: (r: Rng): Fuzz =>
      text(
        send(r, { conv: ctx.foreignConv, ...(r.next() < 0.3 && { eph: true }) }),
        'another pair’s conversation',
      ),
    randomConv: (r: Rng): Fuzz =>
      text(
        send(r, { conv: r.bytes(r.int(1, 40)).toString('base64url') || 'a' }),
        'no such conversation',
      ),
    hugeAck: (r: Rng): Fuzz =>
      text(
        { t: 'ack', seqs: Array.from({ length: r.int(513, 8000) }, () => r.int(1, 1e6)) },
        'ack with too many seqs',
      ),
    emptyAck: (): Fuzz => text({ t: 'ack', seqs: [] }, 'empty ack'),
    badSeqs: (r: Rng): Fuzz => {
      const seqs = Array.from({ length: r.int(1, 20) }, () => r.int(1, 100));
      seqs[r.int(0, seqs.length - 1)] = r.pick([0, -1, -r.int(1, 1e9), 1.5, -0.5, 1e-9]);
      return text({ t: 'ack', seqs }, 'negative, zero or float seqs');
    },
    deepNesting: (r: Rng): Fuzz => {
      const n = r.int(100, 20_000);
      const [open, close] = r.pick([
        ['[', ']'],
        ['{"a":', '}'],
      ] as const);
      const inner = open.repeat(n) + '1' + close.repeat(n);
      return text(r.next() < 0.5 ? inner : `{"t":"ping","id":${inner}}`, 'deeply nested JSON');
    },
    protoKeys: (r: Rng): Fuzz =>
      text(
        r.pick([
          `{"t":"${r.pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'])}"}`,
          '{"t":"ping","__proto__":{"t":"send","admin":true}}',
          '{"__proto__":{"t":"ping"}}',
          '{"t":"send","constructor":{"prototype":{"polluted":1}}}',
          `{"t":"ack","seqs":[1],"__proto__":{"seqs":[1]}}`,
        ]),
        'prototype-pollution keys',
      ),
    secondHello: (): Fuzz =>
      text({ t: 'hello', v: PROTOCOL_VERSION, token: 'x'.repeat(43) }, 'hello after hello'),
    unicodeJunk: (r: Rng): Fuzz => text(junkString(r, 200), 'unicode junk'),
    randomJson: (r: Rng): Fuzz => text(ensureInvalid(anyValue(r)), 'random JSON'),
  };
}

const VALID = Compile(ClientFrame);
/**
 * A random value can by chance be a valid frame (an ack of seq 1e308 is one); judged by the
 * wire contract itself, such a frame gets a stray field so that it is not.
 */
function ensureInvalid(v: unknown): unknown {
  return VALID.Check(v) ? { ...(v as object), 'fuzz-extra': 1 } : v;
}

/** Shares per generator: the bulk is cheap, socket-killing frames are rarer. */
const WEIGHTS: Record<string, number> = {
  binaryJunk: 6,
  invalidUtf8Text: 0.4,
  oversized: 0.4,
  notJson: 8,
  notObject: 4,
  wrongTypes: 14,
  unknownKind: 6,
  extraField: 6,
  foreignConv: 8,
  randomConv: 6,
  hugeAck: 2,
  emptyAck: 2,
  badSeqs: 8,
  deepNesting: 2,
  protoKeys: 6,
  secondHello: 2,
  unicodeJunk: 8,
  randomJson: 8,
};

describe(`frame fuzz on ${DIALECT} (seed ${SEED})`, () => {
  let h: LiveServer;
  let ann: Adult;
  let bob: Adult;
  let carl: Adult;
  let conv: string;
  const sockets: TestSocket[] = [];
  const connect = async (token: string) => {
    const s = await TestSocket.connect(h.url, token);
    sockets.push(s);
    return s;
  };
  const count = async (table: 'mailbox_entries' | 'sent_messages') =>
    Number(
      (
        await h.ctx.db.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const heap = async () => {
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((r) => setImmediate(r));
    }
    return process.memoryUsage();
  };

  beforeAll(async () => {
    h = await startLiveServer(DIALECT!);
    ann = await signUpAdult(h, 'Ann');
    bob = await signUpAdult(h, 'Bob');
    carl = await signUpAdult(h, 'Carl');
    await befriend(h, ann.accountId, bob.accountId);
    conv = await conversationOf(h, [ann.accountId, bob.accountId]);
  });
  afterAll(async () => {
    for (const s of sockets) s.ws.terminate();
    await h?.close();
  });

  it('answers every one of 10,000 bad frames, stays up, stores nothing and keeps its heap', async () => {
    const r = prng(SEED);
    const gens = generators({ foreignConv: conv });
    const table = Object.entries(WEIGHTS);
    const total = table.reduce((a, [, w]) => a + w, 0);
    const draw = (): [string, Fuzz] => {
      let x = r.next() * total;
      for (const [name, w] of table)
        if ((x -= w) < 0) return [name, gens[name as keyof typeof gens](r)];
      return ['notJson', gens.notJson(r)];
    };
    const tally = new Map<string, number>();
    const note = (what: string) => tally.set(what, (tally.get(what) ?? 0) + 1);
    const isError = (f: ServerFrame): f is ErrorFrame => f.t === 'error';

    // Warm up (JIT, validators, pools) so the baseline is not the cold heap.
    // Its own PRNG stream, so the seeded run below is the same whatever the warm-up does.
    const warmGens = generators({ foreignConv: conv });
    const wr = prng(SEED ^ 0x5eed);
    const warm = await connect(carl.token);
    let warmed = 0;
    for (const [name, g] of Object.entries(warmGens)) {
      for (let i = 0; i < 20; i++) {
        const f = g(wr);
        if (f.kind !== 'answered') continue;
        warm.ws.send(f.data, { binary: f.binary });
        warmed++;
      }
      await waitFor(
        () => warm.frames.filter(isError).length === warmed,
        30_000,
        `warm-up answers to ${name} (seed ${SEED})`,
      );
    }
    warm.close();
    await warm.closed();
    const before = await heap();

    let sent = 0;
    let answered = 0;
    let closes = 0;
    const unexpected: ServerFrame[] = [];
    let s = await connect(carl.token);
    try {
      while (sent < FRAMES) {
        // A batch on one socket, pipelined, then its answers are counted.
        const batch = Math.min(r.int(20, 400), FRAMES - sent);
        let expected = 0;
        let fatal: Extract<Fuzz, { kind: 'fatal' }> | null = null;
        for (let i = 0; i < batch; i++) {
          const [name, f] = draw();
          if (f.kind === 'fatal') {
            fatal = f;
            note(name);
            break;
          }
          s.ws.send(f.data, { binary: f.binary });
          note(name);
          expected++;
        }
        sent += expected;
        await waitFor(
          () => s.frames.filter(isError).length >= expected,
          30_000,
          `answers to ${expected} frames (seed ${SEED})`,
        );
        // A ping as a fence: anything extra for this batch would come before the pong.
        s.send({ t: 'ping', id: sent });
        await s.next((f) => f.t === 'pong' && f.id === sent, 30_000);
        const got = s.frames.splice(0);
        const errors = got.filter(isError);
        // `drained` follows every connect (Carl has nothing queued); nothing else may come.
        unexpected.push(...got.filter((f) => !isError(f) && f.t !== 'drained'));
        expect(errors.length, `errors for ${expected} frames (seed ${SEED})`).toBe(expected);
        for (const e of errors) {
          expect(CODES.has(e.code), `untyped error ${JSON.stringify(e)} (seed ${SEED})`).toBe(true);
          expect(e.code, `internal error (seed ${SEED})`).not.toBe(ErrorCode.Internal);
        }
        answered += errors.length;
        if (fatal) {
          s.ws.send(fatal.data, { binary: fatal.binary });
          sent++;
          const code = await s.closed(30_000);
          expect(fatal.codes, `${fatal.what} closed with ${code} (seed ${SEED})`).toContain(code);
          closes++;
          s = await connect(carl.token);
        } else if (r.next() < 0.02) {
          // Before hello nothing is parsed for meaning: any first frame but hello is 4002.
          const raw = await TestSocket.open(h.url);
          sockets.push(raw);
          const [, f] = draw();
          raw.ws.send(f.data, { binary: f.binary });
          sent++;
          const code = await raw.closed(30_000);
          expect([CloseCode.Unauthenticated, ...(f.kind === 'fatal' ? f.codes : [])]).toContain(
            code,
          );
          closes++;
        }
      }
    } catch (err) {
      console.log(`frame fuzz failed with FUZZ_SEED=${SEED}`);
      throw err;
    }
    s.close();
    await s.closed();

    expect(sent).toBeGreaterThanOrEqual(FRAMES);
    expect(answered + closes).toBe(sent);
    expect(unexpected).toEqual([]);
    // Bad frames store nothing: no mailbox entry, no dedupe record.
    expect(await count('mailbox_entries')).toBe(0);
    expect(await count('sent_messages')).toBe(0);

    // Still up, and still a working relay between two real clients.
    const health = await fetch(`${h.url}/healthz`);
    expect(health.status).toBe(200);
    const a = await connect(ann.token);
    const b = await connect(bob.token);
    await b.next((f) => f.t === 'drained');
    const legit = sendFrame(conv);
    a.send(legit);
    await a.next((f) => f.t === 'sent' && f.id === legit.id);
    const m = await b.next<MsgFrame>((f) => f.t === 'msg');
    expect(m).toMatchObject({ id: legit.id, body: legit.body, from: ann.accountId });
    b.send({ t: 'ack', seqs: [m.seq] });
    await waitFor(async () => (await count('mailbox_entries')) === 0, 30_000, 'the ack');
    a.close();
    b.close();
    await Promise.all([a.closed(), b.closed()]);
    await waitFor(() => h.server.realtime.gateway.registry.size === 0, 30_000, 'cleanup');

    const after = await heap();
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    console.log(
      `[frame-fuzz] seed ${SEED}: ${sent} frames, ${answered} error frames, ${closes} closes; ` +
        `heapUsed ${mb(before.heapUsed)} → ${mb(after.heapUsed)} MB, ` +
        `rss ${mb(before.rss)} → ${mb(after.rss)} MB; ${JSON.stringify(Object.fromEntries(tally))}`,
    );
    expect(after.heapUsed - before.heapUsed).toBeLessThan(HEAP_BOUND_BYTES);
  }, 180_000);
});
