import type { KidTalkClient } from '@kidtalk/sdk';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ChatLog } from '../../chat/chat-log.js';
import { Composer } from '../../chat/composer.js';
import { ConversationList } from '../../chat/conversation-list.js';
import type { AttachmentRef } from '../../chat/send.js';
import { useChat } from '../../chat/use-chat.js';
import { useChatList } from '../../chat/use-chat-list.js';
// The direct-chat hook lives with the kids' screens for now; it has no kid-specific UI.
import { useDirectChat } from '../../chat/use-direct-chat.js';
import { useClient } from '../../session/client-context.js';
import { Loading } from '../../shell/loading.js';

/*
 * The seam between the grown-ups' app and the shared chat components (packages/web/src/chat):
 * the grown-ups' screens use only these two panes, so the chat internals can change freely.
 */

/** Every contact one can chat with (one's own children among them, once contacts). */
export function ConversationListPane() {
  const { t } = useTranslation();
  const { client, session } = useClient();
  const list = useChatList(client, session?.accountId ?? '');
  if (list.state === 'loading') return <Loading />;
  if (list.state === 'failed') {
    return (
      <p className="kt-error" role="alert">
        {t('chat.list.loadFailed')}
      </p>
    );
  }
  if (list.state === 'ready' && list.items.length === 0) {
    return <p>{t('grownUpScreens.chats.noContacts')}</p>;
  }
  return (
    <ConversationList
      items={list.items}
      hrefFor={(i) => `/grown-ups/chats/${encodeURIComponent(i.publicId)}`}
    />
  );
}

function Room({
  client,
  conversationId,
  me,
  name,
}: {
  client: KidTalkClient;
  conversationId: string;
  me: string;
  name: string;
}) {
  const chat = useChat(client, conversationId, me);
  const load = useCallback((ref: AttachmentRef) => client.downloadAttachment(ref), [client]);
  return (
    <div className="kt-chat" data-testid="chat" data-conversation-id={conversationId}>
      <ChatLog
        items={chat.items}
        peerName={name}
        typingName={chat.typing ? name : undefined}
        load={load}
      />
      <Composer
        onSend={chat.sendContent}
        onSendAttachment={chat.sendAttachment}
        onTyped={chat.typed}
      />
    </div>
  );
}

export type DirectChatState = ReturnType<typeof useDirectChat>;

/** The direct chat with one contact, opened (and its group joined) on this device. */
export function useConversation(publicId: string): DirectChatState {
  const { client } = useClient();
  return useDirectChat(client, publicId);
}

export function ConversationPane({ chat }: { chat: DirectChatState }) {
  const { t } = useTranslation();
  const { client, session } = useClient();
  if (chat.state === 'notFound' || chat.state === 'failed') {
    return (
      <p className="kt-error" role="alert">
        {chat.state === 'notFound' ? t('chat.view.notFound') : t('chat.list.loadFailed')}
      </p>
    );
  }
  if (chat.state !== 'ready') {
    return (
      <>
        <Loading />
        <p>{t('grownUpScreens.chats.openingChat')}</p>
      </>
    );
  }
  return (
    <Room
      client={client}
      conversationId={chat.conversationId}
      me={session?.accountId ?? ''}
      name={chat.name}
    />
  );
}
