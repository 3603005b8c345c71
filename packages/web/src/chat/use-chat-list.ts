import type { KidTalkClient } from '@kidtalk/sdk';
import { useCallback, useEffect, useState } from 'react';
import type { ConversationSummary } from './conversation-list.js';
import { isShown } from './timeline.js';
import { countUnread } from './unread.js';
import { useDeliveryReceipts } from './use-delivery-receipts.js';

export type ChatListState =
  { state: 'loading' } | { state: 'failed' } | { state: 'ready'; items: ConversationSummary[] };

async function loadList(client: KidTalkClient, me: string): Promise<ConversationSummary[]> {
  const [contacts, conversations] = await Promise.all([
    client.contacts.list(),
    client.conversations.list(),
  ]);
  const items = await Promise.all(
    contacts.map(async (c): Promise<ConversationSummary> => {
      const conv = conversations.find(
        (v) => v.kind === 'direct' && v.members.some((m) => m.publicId === c.publicId),
      );
      let lastActivity: number | undefined;
      let unread = 0;
      if (conv) {
        const [rx, own, readUpTo] = await Promise.all([
          client.messages(conv.id),
          client.ownMessages(conv.id),
          client.local.readUpTo(conv.id),
        ]);
        unread = countUnread(rx, me, readUpTo);
        const times = [
          ...rx.filter((m) => isShown(m.body.content)).map((m) => m.serverTime),
          ...own.map((m) => m.sentAt),
        ];
        if (times.length > 0) lastActivity = Math.max(...times);
      }
      return {
        publicId: c.publicId,
        name: c.displayName,
        online: c.online,
        unread,
        ...(conv && { conversationId: conv.id }),
        ...(lastActivity !== undefined && { lastActivity }),
      };
    }),
  );
  return items.sort(
    (a, b) => (b.lastActivity ?? 0) - (a.lastActivity ?? 0) || a.name.localeCompare(b.name),
  );
}

/**
 * The contacts one can chat with, their direct conversation if there is one, last activity,
 * unread count and presence (kept current from the socket's presence events). Messages that arrive
 * meanwhile get "delivered" receipts.
 */
export function useChatList(client: KidTalkClient, me: string): ChatListState {
  const [list, setList] = useState<ChatListState>({ state: 'loading' });
  useDeliveryReceipts(client, me);

  const reload = useCallback(
    () =>
      loadList(client, me).then(
        (items) => setList({ state: 'ready', items }),
        () => setList((l) => (l.state === 'ready' ? l : { state: 'failed' })),
      ),
    [client, me],
  );

  useEffect(() => {
    void reload();
    const offs = [
      client.on('presence', (p) =>
        setList((l) =>
          l.state !== 'ready'
            ? l
            : {
                state: 'ready',
                items: l.items.map((i) =>
                  i.publicId === p.publicId ? { ...i, online: p.online } : i,
                ),
              },
        ),
      ),
      // A new bubble, or a "read" from another of my devices: the counts change.
      client.on(
        'message',
        (m) =>
          void (
            (isShown(m.body.content) ||
              (m.senderAccountId === me && m.body.content.type === 'receipt')) &&
            reload()
          ),
      ),
      client.on('conversation', () => void reload()),
      client.on('connection', (e) => void (e.state === 'ready' && reload())),
    ];
    return () => offs.forEach((off) => off());
  }, [client, me, reload]);

  return list;
}
