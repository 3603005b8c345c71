import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Avatar } from '../ui/avatar.js';
import { formatWhen } from './format.js';
import { GroupPictures, useGroupTitle } from './group-pictures.js';
import type { GroupSummary } from './groups.js';
import { listNames, mergeRows } from './groups.js';
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
  /** Group conversations, listed among the people when `groupHrefFor` is given too. */
  groups?: readonly GroupSummary[];
  groupHrefFor?: (group: GroupSummary) => string;
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

function DirectRow({ item, href }: { item: ConversationSummary; href: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Link
      to={href}
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
            ? t('chat.list.lastActivity', { time: formatWhen(item.lastActivity, i18n.language) })
            : t('chat.list.noMessages')}
        </span>
      </span>
      <UnreadBadge count={item.unread ?? 0} />
    </Link>
  );
}

function GroupRow({ group, title, href }: { group: GroupSummary; title: string; href: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Link
      to={href}
      className="kt-chat-list__item"
      data-testid="chat-list-group"
      data-conversation-id={group.conversationId}
    >
      <span className="kt-chat-list__avatar">
        <GroupPictures members={group.members} />
      </span>
      <span className="kt-chat-list__text">
        <span className="kt-chat-list__name">
          <span className="kt-visually-hidden">{t('chat.group.label')} </span>
          {title}
        </span>
        {group.localName !== undefined ? (
          <span className="kt-chat-list__meta">
            {listNames(group.members, i18n.language, t('chat.group.someone'))}
          </span>
        ) : null}
        <span className="kt-chat-list__meta">
          {group.lastActivity !== undefined
            ? t('chat.list.lastActivity', { time: formatWhen(group.lastActivity, i18n.language) })
            : t('chat.list.noMessages')}
        </span>
      </span>
      <UnreadBadge count={group.unread ?? 0} />
    </Link>
  );
}

/**
 * The chats: a big tappable row per person, with presence in words as well as a dot, and one
 * per group (when given), latest first.
 */
export function ConversationList({ items, hrefFor, groups, groupHrefFor }: ConversationListProps) {
  const { t } = useTranslation();
  const titleOf = useGroupTitle();
  const rows = mergeRows(items, groupHrefFor ? (groups ?? []) : [], titleOf);
  return (
    <ul className="kt-chat-list" aria-label={t('chat.list.label')}>
      {rows.map((row) =>
        row.kind === 'direct' ? (
          <li key={row.item.publicId}>
            <DirectRow item={row.item} href={hrefFor(row.item)} />
          </li>
        ) : (
          <li key={row.group.conversationId}>
            <GroupRow
              group={row.group}
              title={titleOf(row.group)}
              href={groupHrefFor!(row.group)}
            />
          </li>
        ),
      )}
    </ul>
  );
}
