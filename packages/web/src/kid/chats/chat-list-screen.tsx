import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConversationList } from '../../chat/conversation-list.js';
import { useChatList } from '../../chat/use-chat-list.js';
import { useClient } from '../../session/client-context.js';
import { Loading } from '../../shell/loading.js';
import { Screen } from '../../ui/screen.js';

export function ChatListScreen() {
  const { t } = useTranslation();
  const { client, session } = useClient();
  const list = useChatList(client, session?.accountId ?? '', { groups: true });
  const canMakeGroup = list.state === 'ready' && list.items.length >= 2;
  return (
    <Screen
      title={t('chat.list.title')}
      actions={
        canMakeGroup ? (
          <Link
            to="/kid/chats/groups/new"
            className="kt-button kt-button--secondary"
            data-testid="new-group"
          >
            <span className="kt-button__icon" aria-hidden="true">
              ➕
            </span>
            <span>{t('chat.group.new')}</span>
          </Link>
        ) : null
      }
    >
      {list.state === 'loading' ? <Loading /> : null}
      {list.state === 'failed' ? (
        <p className="kt-error" role="alert">
          {t('chat.list.loadFailed')}
        </p>
      ) : null}
      {list.state === 'ready' && list.items.length === 0 && list.groups.length === 0 ? (
        <p className="kt-lead">{t('chat.list.empty')}</p>
      ) : null}
      {list.state === 'ready' && (list.items.length > 0 || list.groups.length > 0) ? (
        <ConversationList
          items={list.items}
          hrefFor={(i) => `/kid/chats/${encodeURIComponent(i.publicId)}`}
          groups={list.groups}
          groupHrefFor={(g) => `/kid/chats/groups/${encodeURIComponent(g.conversationId)}`}
        />
      ) : null}
    </Screen>
  );
}
