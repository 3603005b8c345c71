import type { KidTalkClient } from '@kidtalk/sdk';
import { useEffect, useState } from 'react';

export type DirectChat =
  | { state: 'preparing'; name?: string; online?: boolean }
  | { state: 'notFound' }
  | { state: 'failed' }
  | { state: 'ready'; conversationId: string; name: string; online: boolean };

const JOIN_AFTER_MS = 4000;

/**
 * The direct chat with one friend: only a contact (P16), the conversation opened on the server
 * and this device in its MLS group, either by creating it, by the Welcome, or by joining.
 */
export function useDirectChat(client: KidTalkClient, publicId: string): DirectChat {
  const [chat, setChat] = useState<DirectChat>({ state: 'preparing' });

  useEffect(() => {
    let live = true;
    const offs: (() => void)[] = [];
    let joinTimer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      const contact = (await client.contacts.list()).find((c) => c.publicId === publicId);
      if (!live) return;
      if (!contact) return setChat({ state: 'notFound' });
      const base = { name: contact.displayName, online: contact.online };
      setChat({ state: 'preparing', ...base });
      offs.push(
        client.on('presence', (p) => {
          if (p.publicId !== publicId) return;
          base.online = p.online;
          setChat((c) =>
            c.state === 'ready' || c.state === 'preparing' ? { ...c, online: p.online } : c,
          );
        }),
      );
      if (!client.connected) await client.ready(120_000);
      const view = await client.openDirect(publicId);
      const ready = () => live && setChat({ state: 'ready', conversationId: view.id, ...base });
      if (await client.canSend(view.id)) return ready();
      offs.push(
        client.on('conversation', (e) => {
          if (e.conversationId === view.id && e.change === 'joined') ready();
        }),
      );
      // No Welcome coming (this device had no KeyPackage when the group was made): join.
      joinTimer = setTimeout(() => {
        void client.conversations
          .join(view.id)
          .then(async () => (await client.canSend(view.id)) && ready())
          .catch(() => undefined);
      }, JOIN_AFTER_MS);
    };
    run().catch(() => live && setChat({ state: 'failed' }));
    return () => {
      live = false;
      clearTimeout(joinTimer);
      offs.forEach((off) => off());
    };
  }, [client, publicId]);

  return chat;
}
