import { useTranslation } from 'react-i18next';
import { STICKER_IDS } from './stickers/pack.js';
import type { StickerId } from './stickers/pack.js';
import { Sticker } from './stickers/sticker.js';

export function StickerPicker({ onPick }: { onPick: (id: StickerId) => void }) {
  const { t } = useTranslation();
  return (
    <div
      className="kt-picker kt-picker--stickers"
      role="group"
      aria-label={t('chat.stickers.title')}
    >
      {STICKER_IDS.map((id) => (
        <button
          key={id}
          type="button"
          className="kt-picker__item"
          aria-label={t('chat.stickers.pick', { sticker: t(`chat.stickers.names.${id}`) })}
          data-testid={`sticker-${id}`}
          onClick={() => onPick(id)}
        >
          <Sticker id={id} size={64} decorative />
        </button>
      ))}
    </div>
  );
}
