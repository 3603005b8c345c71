/** Node-only entry: `@kidtalk/sdk/node`. Browser bundles import `@kidtalk/sdk` only. */
import { WebSocket } from 'ws';
import type { KidTalkClientOptions } from './client.js';
import { KidTalkClient } from './client.js';

export { FileStore } from './store/node-file-store.js';
export type { FileStoreOptions } from './store/node-file-store.js';
export { SqliteStore } from './store/sqlite-store.js';

/** A client with Node's WebSocket (the `ws` package) filled in. */
export function openNodeClient(
  options: Omit<KidTalkClientOptions, 'WebSocket'>,
): Promise<KidTalkClient> {
  return KidTalkClient.open({ ...options, WebSocket });
}
