import { useTranslation } from 'react-i18next';
import { ChatStatePane } from '../../chat/chat-state-pane.js';
import { ConversationList } from '../../chat/conversation-list.js';
import { GroupMembersLine, GroupPictures, useGroupTitle } from '../../chat/group-pictures.js';
import { Room } from '../../chat/room.js';
import { useChatList } from '../../chat/use-chat-list.js';
import { useDirectChat } from '../../chat/use-direct-chat.js';
import type { GroupChat } from '../../chat/use-group-chat.js';
import { useGroupChat } from '../../chat/use-group-chat.js';
import { useMemberName } from '../../chat/use-member-name.js';
import { useClient } from '../../session/client-context.js';
import { Loading } from '../../shell/loading.js';

/*
 * The seam between the grown-ups' app and the shared chat components (packages/web/src/chat):
 * the grown-ups' screens use only these panes, so the chat internals can change freely.
 */

/**
 * Every contact one can chat with (one's own children among them, once contacts) and every
 * group conversation one is in.
 */
export function ConversationListPane() {
  const { t } = useTranslation();
  const { client, session } = useClient();
  const list = useChatList(client, session?.accountId ?? '', { groups: true });
  if (list.state === 'loading') return <Loading />;
  if (list.state === 'failed') {
    return (
      <p className="kt-error" role="alert">
        {t('chat.list.loadFailed')}
      </p>
    );
  }
  if (list.state === 'ready' && list.items.length === 0 && list.groups.length === 0) {
    return <p>{t('grownUpScreens.chats.noContacts')}</p>;
  }
  return (
    <ConversationList
      items={list.items}
      hrefFor={(i) => `/grown-ups/chats/${encodeURIComponent(i.publicId)}`}
      {...(list.state === 'ready' && { groups: list.groups })}
      groupHrefFor={(g) => `/grown-ups/chats/groups/${encodeURIComponent(g.conversationId)}`}
    />
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
  if (chat.state !== 'ready') {
    return <ChatStatePane state={chat.state} opening={t('grownUpScreens.chats.openingChat')} />;
  }
  return (
    <Room
      client={client}
      conversationId={chat.conversationId}
      me={session?.accountId ?? ''}
      title={chat.name}
    />
  );
}

/** A group conversation one is in, its other members named from one's contacts. */
export function useGroupConversation(conversationId: string): GroupChat {
  const { client, session } = useClient();
  return useGroupChat(client, conversationId, session?.accountId ?? '');
}

/** The group's title: the name given on this device, or its members' names. */
export function useGroupConversationTitle(): (chat: GroupChat) => string | undefined {
  const titleOf = useGroupTitle();
  return (chat) => (chat.state === 'ready' ? titleOf(chat) : undefined);
}

export function GroupMembersPictures({ chat }: { chat: GroupChat }) {
  return chat.state === 'ready' ? <GroupPictures members={chat.members} /> : null;
}

/** The group chat: the same room as a direct chat, each incoming message with its sender. */
export function GroupConversationPane({ chat }: { chat: GroupChat }) {
  const { t } = useTranslation();
  const { client, session } = useClient();
  const titleOf = useGroupTitle();
  const nameOf = useMemberName(chat);
  if (chat.state !== 'ready') {
    return <ChatStatePane state={chat.state} opening={t('grownUpScreens.chats.openingChat')} />;
  }
  return (
    <>
      <GroupMembersLine group={chat} />
      <Room
        client={client}
        conversationId={chat.conversationId}
        me={session?.accountId ?? ''}
        title={titleOf(chat)}
        nameOf={nameOf}
        group
      />
    </>
  );
}
