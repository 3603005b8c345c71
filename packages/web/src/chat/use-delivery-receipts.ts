import type { KidTalkClient } from '@kidtalk/sdk';
import { useEffect } from 'react';
import { isShown } from './timeline.js';
import { openChats } from './use-chat.js';

// One listener per client however many screens ask for it, so no receipt goes out twice.
const listeners = new WeakMap<KidTalkClient, { users: number; off: () => void }>();

/**
 * Sends a "delivered" receipt for each message that arrives while a chats screen is mounted,
 * except in the chat on screen: that one sends "read", which says more.
 */
export function useDeliveryReceipts(client: KidTalkClient, me: string): void {
  useEffect(() => {
    let entry = listeners.get(client);
    if (!entry) {
      const off = client.on('message', (m) => {
        if (m.senderAccountId === me || !isShown(m.body.content)) return;
        if (openChats.has(m.conversationId)) return;
        void client
          .sendReceipt(m.conversationId, 'delivered', [m.clientMsgId])
          .catch(() => undefined);
      });
      entry = { users: 0, off };
      listeners.set(client, entry);
    }
    entry.users++;
    const mine = entry;
    return () => {
      if (--mine.users > 0) return;
      mine.off();
      listeners.delete(client);
    };
  }, [client, me]);
}
