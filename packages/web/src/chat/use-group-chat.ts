import type { KidTalkClient } from '@kidtalk/sdk';
import { isKidTalkError } from '@kidtalk/sdk';
import { useEffect, useState } from 'react';
import type { GroupMember } from './groups.js';
import { groupMembers, isGroup } from './groups.js';
import { whenSendable } from './sendable.js';

export type GroupChat =
  | { state: 'preparing' }
  | { state: 'notFound' }
  | { state: 'failed' }
  | { state: 'ready'; conversationId: string; members: GroupMember[]; localName?: string };

/**
 * A group conversation one is a member of: its other members named from one's contacts, the
 * name this device gave it, and this device in its MLS group (see whenSendable). Not a member,
 * or no such group: notFound.
 */
export function useGroupChat(client: KidTalkClient, conversationId: string, me: string): GroupChat {
  const [chat, setChat] = useState<GroupChat>({ state: 'preparing' });

  useEffect(() => {
    let live = true;
    let off: (() => void) | undefined;
    const run = async () => {
      const [view, contacts, localName] = await Promise.all([
        client.conversations.get(conversationId),
        client.contacts.list(),
        client.local.groupName(conversationId),
      ]);
      if (!live) return;
      if (!isGroup(view)) return setChat({ state: 'notFound' });
      if (!client.connected) await client.ready(120_000);
      if (!live) return;
      const ready = {
        state: 'ready' as const,
        conversationId,
        members: groupMembers(view, contacts, me),
        ...(localName !== undefined && { localName }),
      };
      off = whenSendable(
        client,
        conversationId,
        () => live && setChat(ready),
        () => live && setChat({ state: 'failed' }),
      );
    };
    run().catch(
      (err: unknown) =>
        live &&
        setChat({
          state: isKidTalkError(err) && err.code === 'NOT_FOUND' ? 'notFound' : 'failed',
        }),
    );
    return () => {
      live = false;
      off?.();
    };
  }, [client, conversationId, me]);

  return chat;
}
