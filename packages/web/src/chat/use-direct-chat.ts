import type { KidTalkClient } from '@kidtalk/sdk';
import { useEffect, useState } from 'react';
import { whenSendable } from './sendable.js';

export type DirectChat =
  | { state: 'preparing'; name?: string; online?: boolean }
  | { state: 'notFound' }
  | { state: 'failed' }
  | { state: 'ready'; conversationId: string; name: string; online: boolean };

/**
 * The direct chat with one friend: only a contact (P16), the conversation opened on the server
 * and this device in its MLS group (see whenSendable).
 */
export function useDirectChat(client: KidTalkClient, publicId: string): DirectChat {
  const [chat, setChat] = useState<DirectChat>({ state: 'preparing' });

  useEffect(() => {
    let live = true;
    const offs: (() => void)[] = [];
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
      if (!live) return;
      offs.push(
        whenSendable(
          client,
          view.id,
          () => live && setChat({ state: 'ready', conversationId: view.id, ...base }),
          () => live && setChat({ state: 'failed' }),
        ),
      );
    };
    run().catch(() => live && setChat({ state: 'failed' }));
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, [client, publicId]);

  return chat;
}
