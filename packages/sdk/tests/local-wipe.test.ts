import 'fake-indexeddb/auto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDriver from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextPhone } from '../../server/tests/support/flows.js';
import type { LiveServer } from '../../server/tests/support/live-server.js';
import { startLiveServer } from '../../server/tests/support/live-server.js';
import type { ClientStore, FetchLike, KidTalkClient } from '../src/index.js';
import { AccountApi, IndexedDbStore, MemoryStore } from '../src/index.js';
import { FileStore, SqliteStore } from '../src/node.js';
import { append, set } from '../src/store/client-store.js';
import {
  befriend,
  downloadInFlight,
  heldDownloads,
  openClient,
  openDirectJoined,
  signedIn,
  signInWith,
  until,
} from './support/sdk-flows.js';

const SECRET = 'wipe-me-7f3a';
const tmp = () => mkdtempSync(join(tmpdir(), 'kidtalk-wipe-'));
let idbSeq = 0;

/** A store, and everything it still holds read from underneath it (raw rows, files, records). */
interface Kind {
  store: ClientStore;
  residue: (lists: string[]) => Promise<string[]>;
}

const kinds: [string, () => Promise<Kind>][] = [
  [
    'MemoryStore',
    async () => {
      const store = new MemoryStore();
      const residue = async (lists: string[]) => [
        ...(await store.keys('')),
        ...(await Promise.all(lists.map(async (l) => (await store.list(l)).map(() => l)))).flat(),
      ];
      return { store, residue };
    },
  ],
  [
    'SqliteStore',
    async () => {
      const dir = tmp();
      const store = await SqliteStore.open(dir);
      const residue = async () => {
        const db = new SqliteDriver(join(dir, 'client.sqlite'), { readonly: true });
        const rows = [
          ...db
            .prepare<[], { key: string }>('SELECT key FROM kv')
            .all()
            .map((r) => r.key),
          ...db
            .prepare<[], { list: string }>('SELECT list FROM list_items')
            .all()
            .map((r) => r.list),
        ];
        db.close();
        return [...rows, ...filesWith(dir, SECRET), ...keyFile(dir)];
      };
      return { store, residue };
    },
  ],
  [
    'FileStore',
    async () => {
      const dir = tmp();
      const store = await FileStore.open(dir, { sync: false });
      const residue = async (lists: string[]) => [
        ...(await store.keys('')),
        ...(await Promise.all(lists.map(async (l) => (await store.list(l)).map(() => l)))).flat(),
        ...readdirSync(dir).filter((f) => readFileSync(join(dir, f)).length > 0),
      ];
      return { store, residue };
    },
  ],
  [
    'IndexedDbStore',
    async () => {
      const name = `kidtalk-wipe-${idbSeq++}`;
      const store = await IndexedDbStore.open(name);
      const residue = () => rawIndexedDb(name);
      return { store, residue };
    },
  ],
];

/** Files in `dir` whose bytes contain `text` (an erased row must not linger in a free page). */
function filesWith(dir: string, text: string): string[] {
  return readdirSync(dir).filter((f) => readFileSync(join(dir, f)).includes(text));
}

function keyFile(dir: string): string[] {
  return existsSync(join(dir, 'storage.key')) ? ['storage.key'] : [];
}

/** Whether the IndexedDB database `name` exists (fake-indexeddb implements databases()). */
async function idbExists(name: string): Promise<boolean> {
  return (await indexedDB.databases()).some((d) => d.name === name);
}

/** A plain connection of its own to an existing database, as another tab's code holds one. */
function openRaw(name: string): Promise<IDBDatabase> {
  return new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Every record of both object stores, the storage key included. */
async function records(db: IDBDatabase): Promise<string[]> {
  const all = (store: string) =>
    new Promise<IDBValidKey[]>((resolve, reject) => {
      const req = db.transaction(store).objectStore(store).getAllKeys();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  return [...(await all('kv')), ...(await all('lists'))].map(String);
}

/**
 * The database itself while it exists (an empty one left behind still says the app was used
 * on the device), and its records, read as a second connection. A missing database is not
 * opened: that would create it.
 */
async function rawIndexedDb(name: string): Promise<string[]> {
  if (!(await idbExists(name))) return [];
  const db = await openRaw(name);
  const found = await records(db);
  db.close();
  return [`indexeddb:${name}`, ...found];
}

describe.each(kinds)('wiping the device (%s)', (_name, make) => {
  let live: LiveServer;
  let bob: KidTalkClient;

  beforeAll(async () => {
    live = await startLiveServer('sqlite');
    bob = await signedIn(live, 'Bob');
    await bob.connect();
  });

  afterAll(async () => {
    await bob?.close();
    await live?.close();
  });

  /** Ann on this kind of store, with messages both ways, an attachment, marks and a queued send. */
  async function annWithHistory(phone = nextPhone(), fetch?: FetchLike) {
    const kind = await make();
    const ann = await openClient(live, { store: kind.store, ...(fetch && { fetch }) });
    await signInWith(live, ann, phone, 'Ann');
    await befriend(ann, bob);
    await ann.connect();
    await ann.ready();
    const conv = await openDirectJoined(ann, bob);
    await ann.sendText(conv, `${SECRET} from Ann`);
    await ann.sendAttachment(conv, new TextEncoder().encode(SECRET), {
      type: 'image',
      mime: 'image/png',
      width: 1,
      height: 1,
    });
    const got = ann.once('message', (m) => m.conversationId === conv);
    await bob.sendText(conv, `${SECRET} from Bob`);
    const m = await got;
    await ann.local.markRead(conv, m.serverTime);
    await ann.local.setGroupName(conv, SECRET);
    const lists = [`messages:${conv}`, `own:${conv}`];
    // Ann must really hold all of it, or a wipe that erases nothing would pass.
    const held = await kind.residue(lists);
    expect(held.length).toBeGreaterThan(0);
    expect(await ann.messages(conv)).toHaveLength(1);
    expect(await ann.ownMessages(conv)).toHaveLength(2);
    expect(await ann.local.readUpTo(conv)).toBe(m.serverTime);
    return { ann, kind, conv, lists, phone };
  }

  async function expectNothingLeft(
    ann: KidTalkClient,
    kind: Kind,
    conv: string,
    lists: string[],
  ): Promise<void> {
    expect(await kind.residue(lists)).toEqual([]);
    expect(ann.session).toBeUndefined();
    expect(ann.connected).toBe(false);
    expect(ann.pendingMessages()).toEqual([]);
    expect(await ann.messages(conv)).toEqual([]);
    expect(await ann.ownMessages(conv)).toEqual([]);
    expect(await ann.failedMessages(conv)).toEqual([]);
    expect(await ann.local.readUpTo(conv)).toBe(0);
    expect(await ann.local.groupName(conv)).toBeUndefined();
  }

  it('signing out erases everything, queued sends too, and the client can sign in again', async () => {
    const { ann, kind, conv, lists, phone } = await annWithHistory();
    await ann.close();
    await ann.enqueue(conv, { type: 'text', text: `${SECRET} never sent` });
    expect(ann.pendingMessages()).toHaveLength(1);
    await ann.signOut();
    await expectNothingLeft(ann, kind, conv, lists);
    // The same client and store serve the next sign-in, with a fresh identity.
    await signInWith(live, ann, phone);
    await ann.connect();
    await ann.ready();
    expect(await ann.messages(conv)).toEqual([]);
    await ann.signOut();
    await kind.store.close();
  });

  it('a picture still downloading when the device is wiped is not kept afterwards', async () => {
    const held = heldDownloads();
    const { ann, kind, conv, lists } = await annWithHistory(nextPhone(), held.fetch);
    const picture = new TextEncoder().encode(`${SECRET} picture`);
    const { download, ref } = await downloadInFlight(bob, ann, conv, held, picture);
    await ann.signOut();
    // Asked again after the wipe: a new attempt (refused, signed out), not the ended one.
    const again = ann.downloadAttachment(ref);
    expect(again).not.toBe(download);
    const refused = expect(again).rejects.toMatchObject({ status: 401 });
    held.release();
    // The decrypted picture would have been written now, into the wiped store.
    await expect(download).rejects.toMatchObject({ code: 'SESSION_ENDED' });
    await refused;
    await expectNothingLeft(ann, kind, conv, lists);
    await kind.store.close();
  });

  it('a session revoked from another device wipes this one and says so', async () => {
    const { ann, kind, conv, lists, phone } = await annWithHistory();
    const other = await openClient(live);
    await signInWith(live, other, phone);
    const api = new AccountApi(other.http, () => other.session!.accountId);
    const target = (await api.sessions()).find((s) => !s.current)!;
    const ended = ann.once('session', () => true);
    await api.revokeSession(target.id);
    expect((await ended).reason).toBe('revoked');
    await expectNothingLeft(ann, kind, conv, lists);
    await other.signOut();
    await kind.store.close();
  });

  it('a 401 on a request while offline wipes this device', async () => {
    const { ann, kind, conv, lists, phone } = await annWithHistory();
    await ann.close();
    const other = await openClient(live);
    await signInWith(live, other, phone);
    const api = new AccountApi(other.http, () => other.session!.accountId);
    await api.revokeSession((await api.sessions()).find((s) => !s.current)!.id);
    const ended = ann.once('session', () => true);
    await expect(ann.contacts.list()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await ended).reason).toBe('unauthenticated');
    await expectNothingLeft(ann, kind, conv, lists);
    await other.signOut();
    await kind.store.close();
  });

  it('deleting the account ends the session and wipes the device', async () => {
    const { ann, kind, conv, lists } = await annWithHistory();
    const ended = ann.once('session', () => true);
    await new AccountApi(ann.http, () => ann.session!.accountId).deleteMe();
    await ended;
    // What an app does after deleting, whether or not the server's close came first.
    await ann.wipeLocal();
    await until(async () => (await kind.residue(lists)).length === 0);
    await expectNothingLeft(ann, kind, conv, lists);
    await kind.store.close();
  });

  it('a refusal that is not a 401 leaves everything in place', async () => {
    const { ann, kind, lists } = await annWithHistory();
    await expect(
      new AccountApi(ann.http, () => ann.session!.accountId).revokeSession('no-such-session'),
    ).rejects.toBeTruthy();
    expect(ann.session).toBeDefined();
    expect((await kind.residue(lists)).length).toBeGreaterThan(0);
    await ann.signOut();
    await kind.store.close();
  });
});

describe('wiping IndexedDB while the database is open in another tab', () => {
  it("the other tab's store lets go, the database is deleted, and that store starts afresh", async () => {
    const name = `kidtalk-wipe-${idbSeq++}`;
    const here = await IndexedDbStore.open(name);
    const there = await IndexedDbStore.open(name);
    await here.write([set('session', SECRET), append('messages:c', SECRET)]);
    expect(await there.get('session')).toBe(SECRET);
    await here.clear();
    expect(await idbExists(name)).toBe(false);
    expect(await there.get('session')).toBeUndefined();
    expect(await there.list('messages:c')).toEqual([]);
    // What the other tab still had in flight does not bring the database back.
    await expect(there.write([append('messages:c', SECRET)])).rejects.toMatchObject({
      code: 'SESSION_ENDED',
    });
    await expect(there.storageKey()).rejects.toMatchObject({ code: 'SESSION_ENDED' });
    expect(await idbExists(name)).toBe(false);
    // Its client's clear() acknowledges the wipe; after that the store starts afresh.
    await there.clear();
    await there.write([set('session', 'next')]);
    expect(await here.get('session')).toBe('next');
    expect(await here.list('messages:c')).toEqual([]);
    await there.close();
    await here.close();
  });

  it("signing out in one tab ends the other tab's session, and that tab can sign in again", async () => {
    const live = await startLiveServer('sqlite');
    try {
      const name = `kidtalk-wipe-${idbSeq++}`;
      const phone = nextPhone();
      const tab1 = await openClient(live, { store: await IndexedDbStore.open(name) });
      await signInWith(live, tab1, phone, 'Ann');
      await tab1.local.markRead('conv', 7);
      const tab2 = await openClient(live, { store: await IndexedDbStore.open(name) });
      expect(tab2.session?.accountId).toBe(tab1.session!.accountId);
      expect(await tab2.local.readUpTo('conv')).toBe(7);

      const ended = tab2.once('session', () => true);
      await tab1.signOut();
      expect(await ended).toEqual({ reason: 'wiped_elsewhere', closeCode: 0 });
      expect(tab2.session).toBeUndefined();
      await expect(tab2.local.markRead('conv', 9)).rejects.toMatchObject({
        code: 'SESSION_ENDED',
      });
      expect(await idbExists(name)).toBe(false);

      await signInWith(live, tab2, phone);
      expect(tab2.session?.accountId).toBeDefined();
      expect(await tab2.local.readUpTo('conv')).toBe(0);
      await tab2.signOut();
    } finally {
      await live.close();
    }
  });

  it('a connection that never lets go does not hold up clear(); the database goes when it closes', async () => {
    const name = `kidtalk-wipe-${idbSeq++}`;
    const store = await IndexedDbStore.open(name);
    await store.write([set('session', SECRET), append('messages:c', SECRET)]);
    await store.storageKey();
    // Older code in another tab: no versionchange handler, so the deletion is blocked.
    const stubborn = await openRaw(name);
    expect(await records(stubborn)).toHaveLength(3);
    await store.clear();
    // Erased at once, even though the empty database has to wait for that tab.
    expect(await records(stubborn)).toEqual([]);
    expect(await idbExists(name)).toBe(true);
    stubborn.close();
    await until(async () => !(await idbExists(name)));
    await store.close();
  });
});
