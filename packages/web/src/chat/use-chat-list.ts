import type { KidTalkClient } from '@kidtalk/sdk';
import { useCallback, useEffect, useState } from 'react';
import type { ConversationSummary } from './conversation-list.js';
import type { GroupSummary } from './groups.js';
import { groupMembers, isGroup } from './groups.js';
import { isShown } from './timeline.js';
import { countUnread } from './unread.js';
import { useDeliveryReceipts } from './use-delivery-receipts.js';

export type ChatListState =
  | { state: 'loading' }
  | { state: 'failed' }
  | { state: 'ready'; items: ConversationSummary[]; groups: GroupSummary[] };

export interface ChatListOptions {
  /** List group conversations too (both apps do); without it, `groups` stays empty. */
  groups?: boolean;
}

/** Last activity and unread count of one conversation, from what the SDK stored. */
async function activity(
  client: KidTalkClient,
  conversationId: string,
  me: string,
): Promise<{ lastActivity?: number; unread: number }> {
  const [rx, own, readUpTo] = await Promise.all([
    client.messages(conversationId),
    client.ownMessages(conversationId),
    client.local.readUpTo(conversationId),
  ]);
  const times = [
    ...rx.filter((m) => isShown(m.body.content)).map((m) => m.serverTime),
    ...own.map((m) => m.sentAt),
  ];
  return {
    unread: countUnread(rx, me, readUpTo),
    ...(times.length > 0 && { lastActivity: Math.max(...times) }),
  };
}

async function loadList(
  client: KidTalkClient,
  me: string,
  withGroups: boolean,
): Promise<{ items: ConversationSummary[]; groups: GroupSummary[] }> {
  const [contacts, conversations] = await Promise.all([
    client.contacts.list(),
    client.conversations.list(),
  ]);
  const items = await Promise.all(
    contacts.map(async (c): Promise<ConversationSummary> => {
      const conv = conversations.find(
        (v) => v.kind === 'direct' && v.members.some((m) => m.publicId === c.publicId),
      );
      return {
        publicId: c.publicId,
        name: c.displayName,
        online: c.online,
        unread: 0,
        ...(conv && { conversationId: conv.id, ...(await activity(client, conv.id, me)) }),
      };
    }),
  );
  const groups = !withGroups
    ? []
    : await Promise.all(
        conversations.filter(isGroup).map(async (v): Promise<GroupSummary> => {
          const [act, localName] = await Promise.all([
            activity(client, v.id, me),
            client.local.groupName(v.id),
          ]);
          return {
            conversationId: v.id,
            members: groupMembers(v, contacts, me),
            ...act,
            ...(localName !== undefined && { localName }),
          };
        }),
      );
  items.sort(
    (a, b) => (b.lastActivity ?? 0) - (a.lastActivity ?? 0) || a.name.localeCompare(b.name),
  );
  return { items, groups };
}

/**
 * The contacts one can chat with, their direct conversation if there is one, last activity,
 * unread count and presence, and (when asked) one's group conversations (kept current from the socket's presence events). Messages that arrive
 * meanwhile get "delivered" receipts.
 */
export function useChatList(
  client: KidTalkClient,
  me: string,
  options: ChatListOptions = {},
): ChatListState {
  const withGroups = options.groups ?? false;
  const [list, setList] = useState<ChatListState>({ state: 'loading' });
  useDeliveryReceipts(client, me);

  const reload = useCallback(
    () =>
      loadList(client, me, withGroups).then(
        (loaded) => setList({ state: 'ready', ...loaded }),
        () => setList((l) => (l.state === 'ready' ? l : { state: 'failed' })),
      ),
    [client, me, withGroups],
  );

  useEffect(() => {
    void reload();
    const offs = [
      client.on('presence', (p) =>
        setList((l) =>
          l.state !== 'ready'
            ? l
            : {
                ...l,
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
