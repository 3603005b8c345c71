import { useTranslation } from 'react-i18next';
import { ConversationList } from '../../chat/conversation-list.js';
import { useChatList } from '../../chat/use-chat-list.js';
import { useClient } from '../../session/client-context.js';
import { Loading } from '../../shell/loading.js';
import { Screen } from '../../ui/screen.js';

export function ChatListScreen() {
  const { t } = useTranslation();
  const { client, session } = useClient();
  const list = useChatList(client, session?.accountId ?? '');
  return (
    <Screen title={t('chat.list.title')}>
      {list.state === 'loading' ? <Loading /> : null}
      {list.state === 'failed' ? (
        <p className="kt-error" role="alert">
          {t('chat.list.loadFailed')}
        </p>
      ) : null}
      {list.state === 'ready' && list.items.length === 0 ? (
        <p className="kt-lead">{t('chat.list.empty')}</p>
      ) : null}
      {list.state === 'ready' && list.items.length > 0 ? (
        <ConversationList
          items={list.items}
          hrefFor={(i) => `/kid/chats/${encodeURIComponent(i.publicId)}`}
        />
      ) : null}
    </Screen>
  );
}
