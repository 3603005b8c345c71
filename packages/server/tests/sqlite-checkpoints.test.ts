import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import SqliteDriver from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Database } from '../src/db/database.js';
import { SqliteCheckpointer } from '../src/db/sqlite-checkpointer.js';

/**
 * The WAL is copied into the database by a thread of its own, so no relay commit pays for a
 * checkpoint; what it must never do is lose data, let the WAL grow without bound, or leave
 * the server without checkpoints when the thread dies.
 */
const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kidtalk-ckpt-'));
  dirs.push(dir);
  return path.join(dir, 'db.sqlite');
};
const size = (file: string) => statSync(file, { throwIfNoEntry: false })?.size ?? 0;

afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function writer(file: string) {
  const db = new SqliteDriver(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('create table if not exists t (id integer primary key, body text not null)');
  const insert = db.prepare('insert into t (body) values (?)');
  const body = 'x'.repeat(700);
  const batch = db.transaction((n: number) => {
    for (let i = 0; i < n; i++) insert.run(body);
  });
  return { db, batch };
}

describe('background SQLite checkpoints', () => {
  it('copies committed pages into the database file while the writer goes on', async () => {
    const file = tempFile();
    const w = writer(file);
    const ckpt = SqliteCheckpointer.start({ file, intervalMs: 50 });
    const before = size(file);
    w.batch(5000); // ~4 MB of WAL
    const until = performance.now() + 10_000;
    while (size(file) <= before + 3_000_000 && performance.now() < until) await sleep(20);
    expect(size(file)).toBeGreaterThan(before + 3_000_000);
    await ckpt.stop();
    // The last checkpoint on stop truncated the WAL: everything is in the database file.
    expect(size(`${file}-wal`)).toBe(0);
    expect(w.db.prepare('select count(*) from t').pluck().get()).toBe(5000);
    w.db.close();
  });

  it('keeps the WAL near its cap under writes that never pause', async () => {
    const file = tempFile();
    const database = Database.connect({ kind: 'sqlite', file });
    const errors: string[] = [];
    const cap = 2 * 1024 * 1024;
    database.startBackgroundCheckpoints((m) => errors.push(m), { intervalMs: 20, capBytes: cap });
    await database.withSqlite((db) =>
      db.exec('create table t (id integer primary key, body text not null)'),
    );
    const body = 'x'.repeat(700);
    let largest = 0;
    let emptied = 0;
    let last = 0;
    let rows = 0;
    const until = performance.now() + 30_000;
    while (rows * body.length < 16 * cap && performance.now() < until) {
      // As the relay writes: through the one connection, a batch per turn, turns back to back
      // (about 17 MB/s of rows, more than the relay's WAL at saturation).
      await database.withSqlite((db) => {
        const insert = db.prepare('insert into t (body) values (?)');
        db.transaction(() => {
          for (let i = 0; i < 50; i++) insert.run(body);
        })();
      });
      rows += 50;
      const now = size(`${file}-wal`);
      if (now < last) emptied++;
      last = now;
      largest = Math.max(largest, now);
      await sleep(2);
    }
    // Without a reset the WAL would hold all of it (more, with page overhead). It was emptied
    // again and again while the writes went on, and is back under the cap once they stop.
    expect(rows * body.length).toBeGreaterThanOrEqual(16 * cap);
    expect(emptied).toBeGreaterThanOrEqual(2);
    expect(largest).toBeLessThan(rows * body.length);
    const settle = performance.now() + 10_000;
    while (size(`${file}-wal`) > cap && performance.now() < settle) await sleep(20);
    expect(size(`${file}-wal`)).toBeLessThanOrEqual(cap);
    expect(
      await database.withSqlite((db) => db.prepare('select count(*) from t').pluck().get()),
    ).toBe(rows);
    await database.close();
    expect(errors).toEqual([]);
  });

  it('tells the owner when the thread is lost, and the database checkpoints inline again', async () => {
    let lost = false;
    const ckpt = SqliteCheckpointer.start({
      file: path.join(tempFile(), 'no-such-dir', 'db.sqlite'),
      onLost: () => (lost = true),
    });
    const deadline = performance.now() + 5000;
    while (!lost && performance.now() < deadline) await sleep(20);
    expect(lost).toBe(true);
    await ckpt.stop();

    const database = Database.connect({ kind: 'sqlite', file: tempFile() });
    const errors: string[] = [];
    database.startBackgroundCheckpoints((m) => errors.push(m));
    const autocheckpoint = () =>
      database.withSqlite((db) => db.pragma('wal_autocheckpoint', { simple: true }));
    expect(await autocheckpoint()).toBe(0);
    // The thread dies (as an uncaught error in it would end it).
    const internals = database as unknown as { checkpointer: { worker: { terminate(): unknown } } };
    await internals.checkpointer.worker.terminate();
    const until = performance.now() + 5000;
    while (errors.length === 0 && performance.now() < until) await sleep(20);
    expect(errors).toEqual(['the checkpoint thread ended; checkpointing inline again']);
    expect(await autocheckpoint()).toBe(1000);
    await database.close();
  });
});
