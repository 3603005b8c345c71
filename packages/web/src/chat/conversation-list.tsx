import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Avatar } from '../ui/avatar.js';
import { formatWhen } from './format.js';
import { badgeText } from './unread.js';
import './chat.css';

export interface ConversationSummary {
  publicId: string;
  name: string;
  avatarUrl?: string;
  online: boolean;
  conversationId?: string;
  lastActivity?: number;
  /** Messages from them not read yet. */
  unread?: number;
}

export interface ConversationListProps {
  items: readonly ConversationSummary[];
  /** Where an item leads, e.g. `/kid/chats/<publicId>`. */
  hrefFor: (item: ConversationSummary) => string;
}

/** A round number at the row's end; screen readers hear "3 unread" as part of the link. */
export function UnreadBadge({ count }: { count: number }) {
  const { t } = useTranslation();
  if (count <= 0) return null;
  return (
    <span className="kt-unread" data-testid="unread-count" data-count={count}>
      <span aria-hidden="true">{badgeText(count)}</span>
      <span className="kt-visually-hidden">{t('chat.list.unread', { n: count })}</span>
    </span>
  );
}

/** The chats: a big tappable row per person, with presence in words as well as a dot. */
export function ConversationList({ items, hrefFor }: ConversationListProps) {
  const { t, i18n } = useTranslation();
  return (
    <ul className="kt-chat-list" aria-label={t('chat.list.label')}>
      {items.map((item) => (
        <li key={item.publicId}>
          <Link
            to={hrefFor(item)}
            className="kt-chat-list__item"
            data-testid="chat-list-item"
            data-public-id={item.publicId}
          >
            <span className="kt-chat-list__avatar">
              <Avatar name={item.name} {...(item.avatarUrl && { src: item.avatarUrl })} />
              <span
                className={`kt-presence kt-presence--${item.online ? 'online' : 'offline'}`}
                data-testid="presence"
                data-online={item.online}
              >
                <span className="kt-visually-hidden">
                  {item.online ? t('chat.list.online') : t('chat.list.offline')}
                </span>
              </span>
            </span>
            <span className="kt-chat-list__text">
              <span className="kt-chat-list__name">{item.name}</span>
              <span className="kt-chat-list__meta">
                {item.lastActivity !== undefined
                  ? t('chat.list.lastActivity', {
                      time: formatWhen(item.lastActivity, i18n.language),
                    })
                  : t('chat.list.noMessages')}
              </span>
            </span>
            <UnreadBadge count={item.unread ?? 0} />
          </Link>
        </li>
      ))}
    </ul>
  );
}
