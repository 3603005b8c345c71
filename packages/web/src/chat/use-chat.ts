import type { KidTalkClient, OwnMessage, ReceivedMessage } from '@kidtalk/sdk';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AttachmentMeta, SendableContent } from './send.js';
import type { ChatItem } from './timeline.js';
import { buildTimeline, receiptsFrom, unreadIncoming } from './timeline.js';

/** Conversations on screen right now: they get "read" receipts, so no "delivered" ones. */
export const openChats = new Set<string>();

const TYPING_SHOWN_MS = 6000;
const TYPING_REPEAT_MS = 4000;
const TYPING_IDLE_MS = 3000;

export interface Chat {
  items: ChatItem[];
  /** Another member is typing (their account id), if any. */
  typing: string | undefined;
  sendContent(content: SendableContent): Promise<void>;
  sendAttachment(bytes: Uint8Array, meta: AttachmentMeta): Promise<void>;
  /** Call on every keystroke; starts and stops the typing indicator for the others. */
  typed(): void;
  /** Sends a message marked "failed" again. */
  retry(clientMsgId: string): Promise<void>;
}

/**
 * One conversation on a connected client: its messages (both sides), receipts, typing, and
 * sending. Reads the SDK's store again whenever something for this conversation happens.
 */
export function useChat(client: KidTalkClient, conversationId: string, me: string): Chat {
  const [received, setReceived] = useState<ReceivedMessage[]>([]);
  const [own, setOwn] = useState<OwnMessage[]>([]);
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [failed, setFailed] = useState<ReadonlySet<string>>(new Set());
  const [online, setOnline] = useState(client.connected);
  // The browser knows at once when the network goes; a dead socket takes the SDK's ping.
  const [networkUp, setNetworkUp] = useState(() => globalThis.navigator?.onLine ?? true);
  const [typing, setTyping] = useState<string | undefined>();
  // The SDK's read marker (it survives reloads); no receipts go out before it is loaded.
  const readUpTo = useRef(0);
  const [markerFor, setMarkerFor] = useState<string | undefined>();
  const typingTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const refresh = useCallback(
    () =>
      Promise.all([
        client.messages(conversationId),
        client.ownMessages(conversationId),
        client.failedMessages(conversationId),
      ]).then(([r, o, f]) => {
        setReceived(r);
        setOwn(o);
        setPending(new Set(client.pendingMessages().map((e) => e.id)));
        setFailed(new Set(f.map((x) => x.clientMsgId)));
        setOnline(client.connected);
      }),
    [client, conversationId],
  );

  useEffect(() => {
    let live = true;
    void client.local.readUpTo(conversationId).then((at) => {
      if (!live) return;
      readUpTo.current = at;
      setMarkerFor(conversationId);
    });
    return () => {
      live = false;
    };
  }, [client, conversationId]);

  useEffect(() => {
    const up = () => {
      setNetworkUp(true);
      // The socket from before the outage may be dead without knowing it yet: start afresh so
      // what waits in the outbox goes now, not after the next missed ping.
      client.reconnect();
    };
    const down = () => setNetworkUp(false);
    globalThis.addEventListener?.('online', up);
    globalThis.addEventListener?.('offline', down);
    return () => {
      globalThis.removeEventListener?.('online', up);
      globalThis.removeEventListener?.('offline', down);
    };
  }, [client]);

  useEffect(() => {
    openChats.add(conversationId);
    void refresh();
    const offs = [
      client.on('message', (m) => {
        if (m.conversationId !== conversationId) return;
        setTyping((t) => (t === m.senderAccountId ? undefined : t));
        void refresh();
      }),
      client.on('sent', (s) => void (s.conversationId === conversationId && refresh())),
      // A refusal of one of ours (recorded as failed by then), or the connection came or went.
      client.on('error', (e) => void (e.clientMsgId !== undefined && refresh())),
      client.on('connection', () => void refresh()),
      client.on('typing', (e) => {
        if (e.conversationId !== conversationId || e.senderAccountId === me) return;
        clearTimeout(typingTimer.current);
        if (e.state === 'stopped') return setTyping(undefined);
        setTyping(e.senderAccountId);
        typingTimer.current = setTimeout(() => setTyping(undefined), TYPING_SHOWN_MS);
      }),
    ];
    return () => {
      openChats.delete(conversationId);
      clearTimeout(typingTimer.current);
      offs.forEach((off) => off());
    };
  }, [client, conversationId, me, refresh]);

  const items = useMemo(
    () =>
      buildTimeline(
        { received, own, pending, failed, online: online && networkUp, me },
        receiptsFrom(received, me),
      ),
    [received, own, pending, failed, online, networkUp, me],
  );

  // Everything on screen has been seen: one "read" receipt for what is new since last time.
  useEffect(() => {
    if (markerFor !== conversationId) return;
    const unread = unreadIncoming(items, readUpTo.current);
    const last = unread.at(-1);
    if (!last || document.visibilityState === 'hidden') return;
    readUpTo.current = last.at;
    void client.local.markRead(conversationId, last.at).catch(() => undefined);
    void client
      .sendReceipt(
        conversationId,
        'read',
        unread.map((i) => i.id),
      )
      .catch(() => undefined);
  }, [client, conversationId, items, markerFor]);

  const typingOut = useRef({
    since: 0,
    idle: undefined as ReturnType<typeof setTimeout> | undefined,
  });
  const stopTyping = useCallback(() => {
    clearTimeout(typingOut.current.idle);
    if (typingOut.current.since === 0) return;
    typingOut.current.since = 0;
    void client.sendTyping(conversationId, 'stopped').catch(() => undefined);
  }, [client, conversationId]);

  const typed = useCallback(() => {
    const now = Date.now();
    if (now - typingOut.current.since > TYPING_REPEAT_MS) {
      typingOut.current.since = now;
      void client.sendTyping(conversationId, 'started').catch(() => undefined);
    }
    clearTimeout(typingOut.current.idle);
    typingOut.current.idle = setTimeout(stopTyping, TYPING_IDLE_MS);
  }, [client, conversationId, stopTyping]);

  useEffect(() => stopTyping, [stopTyping]);

  const sendContent = useCallback(
    async (content: SendableContent) => {
      stopTyping();
      await client.enqueue(conversationId, content);
      await refresh();
    },
    [client, conversationId, refresh, stopTyping],
  );

  const sendAttachment = useCallback(
    async (bytes: Uint8Array, meta: AttachmentMeta) => {
      stopTyping();
      await client.sendAttachment(conversationId, bytes, meta);
      await refresh();
    },
    [client, conversationId, refresh, stopTyping],
  );

  const retry = useCallback(
    async (clientMsgId: string) => {
      await client.retry(conversationId, clientMsgId);
      await refresh();
    },
    [client, conversationId, refresh],
  );

  return { items, typing, sendContent, sendAttachment, typed, retry };
}
