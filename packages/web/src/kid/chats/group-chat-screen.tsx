import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ChatStatePane } from '../../chat/chat-state-pane.js';
import { GroupMembersLine, GroupPictures, useGroupTitle } from '../../chat/group-pictures.js';
import { useGroupChat } from '../../chat/use-group-chat.js';
import { useMemberName } from '../../chat/use-member-name.js';
import { useClient } from '../../session/client-context.js';
import { Screen } from '../../ui/screen.js';
import { Room } from '../../chat/room.js';

/** One group chat: the same chat as with one friend, each incoming message with its sender. */
export function GroupChatScreen() {
  const { t } = useTranslation();
  const { client, session } = useClient();
  const { conversationId = '' } = useParams();
  const me = session?.accountId ?? '';
  const chat = useGroupChat(client, conversationId, me);
  const titleOf = useGroupTitle();
  const nameOf = useMemberName(chat);

  if (chat.state !== 'ready') {
    return (
      <Screen
        title={chat.state === 'preparing' ? t('chat.group.title') : t('chat.list.title')}
        back
      >
        <ChatStatePane state={chat.state} opening={t('chat.view.preparing')} lead />
      </Screen>
    );
  }
  const title = titleOf(chat);
  return (
    <Screen
      title={t('chat.group.chatTitle', { name: title })}
      back
      actions={<GroupPictures members={chat.members} />}
    >
      <GroupMembersLine group={chat} />
      <Room
        client={client}
        conversationId={chat.conversationId}
        me={me}
        title={title}
        nameOf={nameOf}
        group
      />
    </Screen>
  );
}
