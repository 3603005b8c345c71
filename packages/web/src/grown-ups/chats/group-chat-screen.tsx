import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Screen } from '../../ui/screen.js';
import {
  GroupConversationPane,
  GroupMembersPictures,
  useGroupConversation,
  useGroupConversationTitle,
} from './chat-boundary.js';

/** One group conversation, at /grown-ups/chats/groups/<conversationId>. */
export function GroupChatScreen() {
  const { t } = useTranslation();
  const { conversationId = '' } = useParams();
  const chat = useGroupConversation(conversationId);
  const title = useGroupConversationTitle()(chat);
  return (
    <Screen
      title={title ? t('chat.group.chatTitle', { name: title }) : t('chat.group.title')}
      back
      actions={<GroupMembersPictures chat={chat} />}
    >
      <GroupConversationPane chat={chat} />
    </Screen>
  );
}
