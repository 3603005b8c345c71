import { useTranslation } from 'react-i18next';

/** A small, friendly set; nothing a child might misread. */
export const EMOJI = [
  '😀',
  '😂',
  '😊',
  '😍',
  '🥳',
  '😎',
  '🤔',
  '😮',
  '😢',
  '👍',
  '👋',
  '🙏',
  '❤️',
  '⭐',
  '🎉',
  '🌈',
  '🐶',
  '🐱',
  '🐼',
  '🦄',
  '⚽',
  '🍕',
  '🍦',
  '🎈',
] as const;

export function EmojiPicker({ onPick }: { onPick: (emoji: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="kt-picker kt-picker--emoji" role="group" aria-label={t('chat.composer.emoji')}>
      {EMOJI.map((e) => (
        <button
          key={e}
          type="button"
          className="kt-picker__item"
          aria-label={t('chat.composer.emojiLabel', { emoji: e })}
          data-testid="emoji-option"
          onClick={() => onPick(e)}
        >
          <span aria-hidden="true">{e}</span>
        </button>
      ))}
    </div>
  );
}
