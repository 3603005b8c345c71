import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { MessageBubble } from './message-bubble.js';
import type { ChatItem } from './timeline.js';
import type { LoadAttachment } from './use-attachment-url.js';
import './chat.css';

export interface ChatLogProps {
  items: readonly ChatItem[];
  /** The other person's name (for labels and the log's name). */
  peerName: string;
  /** Names by account id, for groups; falls back to `peerName`. */
  nameOf?: (accountId: string) => string | undefined;
  /** Set while someone is typing: their name. */
  typingName?: string | undefined;
  load: LoadAttachment;
  /** Groups: each incoming bubble shows its sender's name. */
  showSenders?: boolean;
  /** Offered on own messages the server refused ("try again"). */
  onRetry?: (clientMsgId: string) => Promise<void>;
}

/**
 * The messages, oldest first, as a live log: screen readers announce new ones politely. Scrolls
 * to the newest when one arrives, unless the reader scrolled up to read older ones.
 */
export function ChatLog({
  items,
  peerName,
  nameOf,
  typingName,
  load,
  showSenders,
  onRetry,
}: ChatLogProps) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);

  useEffect(() => {
    const el = box.current;
    if (el && pinned.current) el.scrollTop = el.scrollHeight;
  }, [items, typingName]);

  return (
    <div
      ref={box}
      className="kt-chat-log"
      // A scrolling region must take focus, or keyboard users cannot scroll back through it.
      tabIndex={0}
      role="region"
      aria-label={t('chat.view.history', { name: peerName })}
      onScroll={(e) => {
        const el = e.currentTarget;
        pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
      }}
    >
      {items.length === 0 ? <p className="kt-chat-log__empty">{t('chat.view.empty')}</p> : null}
      <div
        role="log"
        aria-live="polite"
        aria-label={t('chat.view.log', { name: peerName })}
        data-testid="message-log"
      >
        <ol className="kt-chat-log__list">
          {items.map((item) => (
            <MessageBubble
              key={item.id}
              item={item}
              senderName={
                item.mine ? t('chat.view.you') : (nameOf?.(item.senderAccountId) ?? peerName)
              }
              load={load}
              showSender={!item.mine && (showSenders ?? false)}
              {...(onRetry && { onRetry })}
            />
          ))}
        </ol>
      </div>
      <p
        className="kt-typing"
        data-testid="typing-indicator"
        data-active={typingName !== undefined}
        aria-live="polite"
      >
        {typingName ? t('chat.view.typing', { name: typingName }) : ''}
      </p>
    </div>
  );
}
