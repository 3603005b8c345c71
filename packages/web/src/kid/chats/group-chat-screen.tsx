import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { GroupPictures, useGroupTitle } from '../../chat/group-pictures.js';
import { listNames } from '../../chat/groups.js';
import { useGroupChat } from '../../chat/use-group-chat.js';
import { useMemberName } from '../../chat/use-member-name.js';
import { useClient } from '../../session/client-context.js';
import { Loading } from '../../shell/loading.js';
import { Screen } from '../../ui/screen.js';
import { Room } from '../../chat/room.js';

/** One group chat: the same chat as with one friend, each incoming message with its sender. */
export function GroupChatScreen() {
  const { t, i18n } = useTranslation();
  const { client, session } = useClient();
  const { conversationId = '' } = useParams();
  const me = session?.accountId ?? '';
  const chat = useGroupChat(client, conversationId, me);
  const titleOf = useGroupTitle();
  const nameOf = useMemberName(chat);

  if (chat.state === 'notFound' || chat.state === 'failed') {
    return (
      <Screen title={t('chat.list.title')} back>
        <p className="kt-error" role="alert">
          {chat.state === 'notFound' ? t('chat.view.notFound') : t('chat.list.loadFailed')}
        </p>
      </Screen>
    );
  }
  if (chat.state !== 'ready') {
    return (
      <Screen title={t('chat.group.title')} back>
        <Loading />
        <p className="kt-lead">{t('chat.view.preparing')}</p>
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
      {chat.localName !== undefined ? (
        <p className="kt-chat-members" data-testid="group-members">
          {t('chat.group.with', {
            names: listNames(chat.members, i18n.language, t('chat.group.someone')),
          })}
        </p>
      ) : null}
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
