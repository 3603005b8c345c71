import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ChatStatePane } from '../../chat/chat-state-pane.js';
import { useClient } from '../../session/client-context.js';
import { Avatar } from '../../ui/avatar.js';
import { Screen } from '../../ui/screen.js';
import { Room } from '../../chat/room.js';
import { useDirectChat } from '../../chat/use-direct-chat.js';

function Presence({ online }: { online: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="kt-chat-peer" data-testid="presence" data-online={online}>
      <span
        className={`kt-presence kt-presence--${online ? 'online' : 'offline'}`}
        style={{ position: 'static' }}
        aria-hidden="true"
      />
      <span>{online ? t('chat.list.online') : t('chat.list.offline')}</span>
    </span>
  );
}

/** One chat with a friend. */
export function ChatScreen() {
  const { t } = useTranslation();
  const { client, session } = useClient();
  const { publicId = '' } = useParams();
  const chat = useDirectChat(client, publicId);

  // A friend that is not (or no longer) found has no name or presence to show.
  const peer = chat.state === 'ready' || chat.state === 'preparing' ? chat : undefined;
  const name = peer?.name ?? '';
  return (
    <Screen
      title={name ? t('chat.view.title', { name }) : t('chat.list.title')}
      back
      actions={
        name ? (
          <span className="kt-row">
            <Avatar name={name} size="small" />
            {peer?.online !== undefined ? <Presence online={peer.online} /> : null}
          </span>
        ) : null
      }
    >
      {chat.state === 'ready' ? (
        <Room
          client={client}
          conversationId={chat.conversationId}
          me={session?.accountId ?? ''}
          title={name}
        />
      ) : (
        <ChatStatePane state={chat.state} opening={t('chat.view.preparing')} lead />
      )}
    </Screen>
  );
}
