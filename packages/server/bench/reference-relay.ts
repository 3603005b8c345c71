import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import path from 'node:path';
import { WS_PATH } from '@kidtalk/protocol';
import Sqlite from 'better-sqlite3';
import { WebSocketServer, type WebSocket } from 'ws';

/*
 * The "bare durable Node relay" of ../shared/bench/peer-figures.md, rebuilt so its ceiling can
 * be measured in the same sitting as KidTalk (the peer figures say to compare ratios taken in
 * one sitting, never absolute numbers across sittings). As described there: WAL,
 * synchronous=NORMAL, one transaction per event-loop turn (group commit), a WITHOUT ROWID
 * mailbox keyed by (recipient, id) (the id being the sequence number acks name), batched
 * deletes on ack, compact JSON frames and no auth work per message. It speaks only the frames
 * the bench client uses, in KidTalk's layout, and is not part of the product: no validation,
 * no authorization, no flow control.
 */

interface Roster {
  /** session token → account */
  tokens: Record<string, string>;
  /** conversation → its two members */
  conversations: Record<string, [string, string]>;
}

const dataDir = process.env.KIDTALK_DATA_DIR!;
const roster = JSON.parse(readFileSync(path.join(dataDir, 'roster.json'), 'utf8')) as Roster;

const db = new Sqlite(path.join(dataDir, 'reference.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec(`create table if not exists mailbox (
  recipient text not null, seq integer not null, conv text not null, sender text not null,
  id text not null, body text not null, frank text not null, ts integer not null,
  primary key (recipient, seq)) without rowid`);
const insert = db.prepare('insert into mailbox values (?, ?, ?, ?, ?, ?, ?, ?)');
const remove = db.prepare('delete from mailbox where recipient = ? and seq = ?');
const stored = db.prepare('select * from mailbox where recipient = ? order by seq');
let seq = (db.prepare('select max(seq) from mailbox').pluck().get() as number | null) ?? 0;

interface Row {
  recipient: string;
  seq: number;
  conv: string;
  sender: string;
  id: string;
  body: string;
  frank: string;
  ts: number;
}

const online = new Map<string, WebSocket>();
let sends: { row: Row; from: WebSocket }[] = [];
let acks: [string, number][] = [];
let flushing = false;

const msgFrame = (r: Row) =>
  `{"t":"msg","seq":${r.seq},"kind":"app","conv":"${r.conv}","from":"${r.sender}",` +
  `"dev":"${r.sender}","id":"${r.id}","body":"${r.body}","frank":"${r.frank}","ts":${r.ts}}`;

const corked = new WeakSet<WebSocket>();

/** Frames for one socket within one tick leave in one write, as KidTalk's gateway sends them. */
function forward(ws: WebSocket, frame: string): void {
  const socket = (ws as unknown as { _socket?: Socket })._socket;
  if (socket && !corked.has(ws)) {
    corked.add(ws);
    socket.cork();
    process.nextTick(() => {
      corked.delete(ws);
      socket.uncork();
    });
  }
  ws.send(frame);
}

const commit = db.transaction((rows: Row[], done: [string, number][]) => {
  for (const r of rows)
    insert.run(r.recipient, r.seq, r.conv, r.sender, r.id, r.body, r.frank, r.ts);
  for (const [recipient, s] of done) remove.run(recipient, s);
});

function flush(): void {
  flushing = false;
  const batch = sends;
  const done = acks;
  sends = [];
  acks = [];
  commit(
    batch.map((b) => b.row),
    done,
  );
  for (const { row, from } of batch) {
    forward(from, `{"t":"sent","id":"${row.id}","ts":${row.ts},"seq":${row.seq}}`);
    const to = online.get(row.recipient);
    if (to) forward(to, msgFrame(row));
  }
}

const schedule = () => {
  if (!flushing) {
    flushing = true;
    setImmediate(flush);
  }
};

function onFrame(ws: WebSocket, me: string, raw: string): void {
  const f = JSON.parse(raw) as {
    t: string;
    id?: string;
    conv?: string;
    body?: string;
    frank?: string;
    seqs?: number[];
  };
  if (f.t === 'send') {
    const [a, b] = roster.conversations[f.conv!]!;
    const row: Row = {
      recipient: a === me ? b : a,
      seq: ++seq,
      conv: f.conv!,
      sender: me,
      id: f.id!,
      body: f.body!,
      frank: f.frank!,
      ts: Date.now(),
    };
    sends.push({ row, from: ws });
    schedule();
  } else if (f.t === 'ack') {
    for (const s of f.seqs!) acks.push([me, s]);
    schedule();
  } else if (f.t === 'ping') {
    forward(ws, '{"t":"pong"}');
  }
}

const http = createServer((req, res) => {
  res.writeHead(req.url === '/healthz' ? 200 : 404).end();
});
const wss = new WebSocketServer({ server: http, path: WS_PATH, perMessageDeflate: false });
wss.on('connection', (ws) => {
  let me: string | undefined;
  ws.on('message', (data) => {
    const raw = String(data);
    if (me) return onFrame(ws, me, raw);
    const token = (JSON.parse(raw) as { token?: string }).token;
    me = token === undefined ? undefined : roster.tokens[token];
    if (!me) return ws.close(4001);
    const account = me;
    online.get(account)?.close(4000);
    online.set(account, ws);
    ws.on('close', () => {
      if (online.get(account) === ws) online.delete(account);
    });
    for (const row of stored.all(account) as Row[]) forward(ws, msgFrame(row));
    forward(ws, '{"t":"drained"}');
  });
});

http.listen(Number(process.env.KIDTALK_PORT), process.env.KIDTALK_HOST ?? '127.0.0.1');
process.on('SIGTERM', () => {
  wss.close();
  http.close();
  db.close();
  process.exit(0);
});
