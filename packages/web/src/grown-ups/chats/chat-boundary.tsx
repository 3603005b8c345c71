import type { ConversationView } from '@kidtalk/protocol';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/*
 * The one seam between the grown-ups' app and the shared chat components (packages/web/src/chat,
 * being built). When they land, these two panes become imports of the shared conversation list
 * and chat view; nothing else in the grown-ups' app needs to change. Until then they show who a
 * conversation is with and say where the messages will appear.
 */

export interface ConversationListPaneProps {
  conversations: readonly ConversationView[];
  /** The signed-in adult, left out of "with …". */
  myPublicId: string;
  nameOf: (publicId: string) => string;
}

export function ConversationListPane({
  conversations,
  myPublicId,
  nameOf,
}: ConversationListPaneProps) {
  const { t } = useTranslation();
  if (conversations.length === 0) return <p>{t('grownUpScreens.chats.noConversations')}</p>;
  return (
    <ul className="kt-gu-list" data-testid="conversations">
      {conversations.map((c) => {
        const names = c.members
          .filter((m) => m.publicId !== myPublicId)
          .map((m) => nameOf(m.publicId))
          .join(', ');
        return (
          <li key={c.id} className="kt-gu-card">
            <Link to={c.id} className="kt-gu-card__link">
              {t('grownUpScreens.chats.conversationWith', { names })}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

export interface ConversationPaneProps {
  conversationId: string;
  title: string;
}

export function ConversationPane({ conversationId, title }: ConversationPaneProps) {
  const { t } = useTranslation();
  return (
    <p className="kt-gu-note" data-conversation={conversationId}>
      {t('grownUpScreens.chats.chatComing', { name: title })}
    </p>
  );
}
