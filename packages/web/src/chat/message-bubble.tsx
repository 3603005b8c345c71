import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../ui/button.js';
import { Sticker } from './stickers/sticker.js';
import { isStickerId } from './stickers/pack.js';
import type { ChatItem, ShownContent } from './timeline.js';
import type { LoadAttachment } from './use-attachment-url.js';
import { useAttachmentUrl } from './use-attachment-url.js';
import { formatWhen } from './format.js';
import { seconds } from './media.js';
import type { AttachmentRef } from './send.js';

export interface MessageBubbleProps {
  item: ChatItem;
  /** Who sent it, as this person knows them ("You" for own messages). */
  senderName: string;
  load: LoadAttachment;
  /** Shows the sender's name on the bubble (incoming messages in groups). */
  showSender?: boolean;
  /** Own messages the server refused get a "try again" button when this is given. */
  onRetry?: (clientMsgId: string) => Promise<void>;
}

const RECEIPT_MARK = {
  queued: '🕓',
  sending: '…',
  sent: '✓',
  delivered: '✓✓',
  read: '✓✓',
  failed: '!',
};

function RetryButton({ onRetry }: { onRetry: () => Promise<void> }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="secondary"
      className="kt-bubble__retry"
      icon="↻"
      busy={busy}
      data-testid="retry-send"
      onClick={() => {
        setBusy(true);
        // A retry refused again shows "couldn't send" again: nothing more to say here.
        void onRetry()
          .catch(() => undefined)
          .finally(() => setBusy(false));
      }}
    >
      {t('chat.receipt.retry')}
    </Button>
  );
}

function Media({
  attachment,
  alt,
  load,
  kind,
}: {
  attachment: AttachmentRef;
  alt: string;
  load: LoadAttachment;
  kind: 'img' | 'audio';
}) {
  const { t } = useTranslation();
  const url = useAttachmentUrl(load, attachment);
  if (url.state === 'loading')
    return <span className="kt-bubble__note">{t('chat.content.loading')}</span>;
  if (url.state === 'failed')
    return <span className="kt-bubble__note">{t('chat.content.loadFailed')}</span>;
  if (kind === 'audio') return <audio controls src={url.url} aria-label={alt} />;
  return <img className="kt-bubble__image" src={url.url} alt={alt} />;
}

function Content({
  content,
  from,
  load,
}: {
  content: ShownContent;
  from: string;
  load: LoadAttachment;
}) {
  const { t } = useTranslation();
  switch (content.type) {
    case 'text':
      return <p className="kt-bubble__text">{content.text}</p>;
    case 'sticker': {
      const sticker = isStickerId(content.sticker)
        ? t(`chat.stickers.names.${content.sticker}`)
        : t('chat.stickers.unknown');
      return (
        <Sticker
          id={content.sticker}
          label={t('chat.content.stickerFrom', { name: from, sticker })}
        />
      );
    }
    case 'image':
      return (
        <Media
          kind="img"
          attachment={content.attachment}
          load={load}
          alt={t('chat.content.photoFrom', { name: from })}
        />
      );
    case 'drawing':
      return (
        <Media
          kind="img"
          attachment={content.attachment}
          load={load}
          alt={t('chat.content.drawingFrom', { name: from })}
        />
      );
    case 'voice':
      return (
        <Media
          kind="audio"
          attachment={content.attachment}
          load={load}
          alt={t('chat.content.voiceFrom', { name: from, seconds: seconds(content.durationMs) })}
        />
      );
    case 'location':
      return (
        <p className="kt-bubble__text kt-bubble__place">
          <span aria-hidden="true">📍 </span>
          <span className="kt-visually-hidden">{t('chat.content.location')}: </span>
          {content.placeName ? <span>{content.placeName}</span> : null}
          {content.coordinates ? (
            <span className="kt-bubble__coords">
              {t('chat.content.coordinates', {
                lat: content.coordinates.lat,
                lon: content.coordinates.lon,
              })}
            </span>
          ) : null}
        </p>
      );
    default:
      return <p className="kt-bubble__note">{t('chat.content.unknown')}</p>;
  }
}

/** One message. Own messages carry their receipt as a mark, in words, and as data-receipt. */
export function MessageBubble({ item, senderName, load, showSender, onRetry }: MessageBubbleProps) {
  const { t, i18n } = useTranslation();
  const receipt = item.receipt;
  return (
    <li
      className={`kt-bubble kt-bubble--${item.mine ? 'mine' : 'theirs'} kt-bubble--${item.content.type}`}
      data-testid="message"
      data-message-id={item.id}
      data-type={item.content.type}
      data-mine={item.mine}
      {...(receipt && { 'data-receipt': receipt })}
    >
      <span className="kt-visually-hidden">
        {item.mine ? t('chat.view.fromYou') : t('chat.view.fromThem', { name: senderName })}
      </span>
      {showSender ? (
        <span className="kt-bubble__sender" aria-hidden="true" data-testid="message-sender">
          {senderName}
        </span>
      ) : null}
      <Content content={item.content} from={senderName} load={load} />
      <span className="kt-bubble__meta">
        <time dateTime={new Date(item.at).toISOString()}>{formatWhen(item.at, i18n.language)}</time>
        {receipt ? (
          <span className={`kt-receipt kt-receipt--${receipt}`} data-testid="receipt">
            <span aria-hidden="true">{RECEIPT_MARK[receipt]}</span>
            <span className="kt-receipt__label">{t(`chat.receipt.${receipt}`)}</span>
          </span>
        ) : null}
      </span>
      {receipt === 'queued' ? (
        <p className="kt-bubble__note kt-bubble__hint">{t('chat.receipt.queuedHint')}</p>
      ) : null}
      {receipt === 'failed' && onRetry ? <RetryButton onRetry={() => onRetry(item.id)} /> : null}
    </li>
  );
}
