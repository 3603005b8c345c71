import type { ClientStore } from './store/client-store.js';
import { set } from './store/client-store.js';
import { KeyedMutex } from './keyed-mutex.js';

const readKey = (conv: string) => `read:${conv}`;
const nameKey = (conv: string) => `group-name:${conv}`;

/** Longest local group name kept; a name is a label, not a message. */
export const MAX_GROUP_NAME = 60;

/**
 * What this device alone remembers about a conversation, in the client's store so it survives
 * a reload and goes with the account's data (never to the server): how far the person has read,
 * and the name they gave a group on this device.
 */
export class LocalMarks {
  private readonly mutex = new KeyedMutex();

  /** The store of the current session, taken when a change starts (see StoreFence). */
  constructor(private readonly store: () => ClientStore) {}

  /** Server time of the newest received message read here; 0 when none was. */
  async readUpTo(conversationId: string): Promise<number> {
    return (await this.store().get<number>(readKey(conversationId))) ?? 0;
  }

  /** Moves the read marker forward to `serverTime`; an older time leaves it where it is. */
  async markRead(conversationId: string, serverTime: number): Promise<void> {
    const store = this.store();
    await this.mutex.run(conversationId, async () => {
      if (serverTime <= ((await store.get<number>(readKey(conversationId))) ?? 0)) return;
      await store.write([set(readKey(conversationId), serverTime)]);
    });
  }

  async groupName(conversationId: string): Promise<string | undefined> {
    return (await this.store().get<string>(nameKey(conversationId))) || undefined;
  }

  /** An empty name forgets it. */
  async setGroupName(conversationId: string, name: string): Promise<void> {
    const trimmed = name.trim().slice(0, MAX_GROUP_NAME);
    await this.store().write([set(nameKey(conversationId), trimmed)]);
  }
}
