import type { KidTalkClient } from '@kidtalk/sdk';
import { useCallback } from 'react';
import { ChatLog } from './chat-log.js';
import { Composer } from './composer.js';
import type { AttachmentRef } from './send.js';
import { useChat } from './use-chat.js';

export interface RoomProps {
  client: KidTalkClient;
  conversationId: string;
  me: string;
  /** The friend's name, or the group's title: names the message log. */
  title: string;
  /** Members' names by account id (groups); without it everyone else is `title`. */
  nameOf?: (accountId: string) => string | undefined;
  /** Groups show who sent each incoming message. */
  group?: boolean;
}

/** One open conversation: the messages, with "try again" on refused ones, and the composer. */
export function Room({ client, conversationId, me, title, nameOf, group }: RoomProps) {
  const chat = useChat(client, conversationId, me);
  const load = useCallback((ref: AttachmentRef) => client.downloadAttachment(ref), [client]);
  const typingName = chat.typing ? (nameOf?.(chat.typing) ?? title) : undefined;
  return (
    <div
      className="kt-chat"
      data-testid="chat"
      data-conversation-id={conversationId}
      data-group={group ?? false}
    >
      <ChatLog
        items={chat.items}
        peerName={title}
        typingName={typingName}
        load={load}
        onRetry={chat.retry}
        {...(nameOf && { nameOf })}
        {...(group && { showSenders: true })}
      />
      <Composer
        onSend={chat.sendContent}
        onSendAttachment={chat.sendAttachment}
        onTyped={chat.typed}
      />
    </div>
  );
}
