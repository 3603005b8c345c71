import { afterAll, beforeAll } from 'vitest';
import type { TestDialect } from '../../../server/tests/support/databases.js';
import type { LiveServer } from '../../../server/tests/support/live-server.js';
import { startLiveServer } from '../../../server/tests/support/live-server.js';
import type { KidTalkClient } from '../../src/index.js';
import type { ClientOptions } from './sdk-flows.js';
import { signedIn } from './sdk-flows.js';

/** A live server shared by one describe block, and the SDK clients its tests opened on it. */
export interface LiveClients {
  /** The running server; read it inside tests and hooks (it starts in the block's beforeAll). */
  readonly live: LiveServer;
  /** Has `client` closed after the block, before the server stops. */
  track<T extends KidTalkClient>(client: T): T;
  /** A new adult signed in through the real HTTP API (see sdk-flows), tracked. */
  signedIn(name: string, o?: ClientOptions): Promise<KidTalkClient>;
}

/**
 * Call in a describe body: starts a real server on a fresh `dialect` database before the block's
 * tests, and after them closes every tracked client, then the server.
 */
export function useLiveClients(dialect: TestDialect): LiveClients {
  let server: LiveServer | undefined;
  const clients: KidTalkClient[] = [];

  beforeAll(async () => {
    server = await startLiveServer(dialect);
  });
  afterAll(async () => {
    for (const c of clients) await c.close();
    await server?.close();
  });

  const track = <T extends KidTalkClient>(client: T): T => (clients.push(client), client);
  const live = (): LiveServer => {
    if (!server) throw new Error('the live server starts in beforeAll; read it inside a test');
    return server;
  };
  return {
    get live() {
      return live();
    },
    track,
    signedIn: async (name, o) => track(await signedIn(live(), name, o)),
  };
}
