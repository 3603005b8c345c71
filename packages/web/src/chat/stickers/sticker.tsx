import { useTranslation } from 'react-i18next';
import type { StickerId } from './pack.js';
import { isStickerId } from './pack.js';
import { STICKER_ART } from './sticker-art.js';

export interface StickerProps {
  id: string;
  /** The text alternative; defaults to the sticker's own name. */
  label?: string;
  size?: number;
  /** Inside a button or link that already carries the name. */
  decorative?: boolean;
}

/** One sticker as inline SVG, with its name as the text alternative. */
export function Sticker({ id, label, size = 96, decorative = false }: StickerProps) {
  const { t } = useTranslation();
  const known: StickerId | undefined = isStickerId(id) ? id : undefined;
  const name = label ?? (known ? t(`chat.stickers.names.${known}`) : t('chat.stickers.unknown'));
  const Art = known ? STICKER_ART[known] : undefined;
  return (
    <svg
      className="kt-sticker"
      viewBox="0 0 100 100"
      width={size}
      height={size}
      {...(decorative
        ? { 'aria-hidden': true, focusable: false }
        : { role: 'img', 'aria-label': name })}
    >
      {Art ? <Art /> : <circle cx="50" cy="50" r="40" fill="#e5e7eb" />}
    </svg>
  );
}
