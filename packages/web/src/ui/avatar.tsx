import { useTranslation } from 'react-i18next';

export interface AvatarProps {
  name: string;
  /** An image URL (a blob: URL of a downloaded avatar); without it, the initial on a colour. */
  src?: string;
  size?: 'small' | 'medium' | 'large';
}

const COLOURS = ['#2f6fde', '#1b8a5a', '#b5489a', '#c2571a', '#6a55c7', '#0f7f8c'];

function colourFor(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return COLOURS[h % COLOURS.length] ?? '#2f6fde';
}

export function Avatar({ name, src, size = 'medium' }: AvatarProps) {
  const { t } = useTranslation();
  const alt = t('ui.avatarOf', { name });
  const className = `kt-avatar kt-avatar--${size}`;
  if (src) return <img className={className} src={src} alt={alt} />;
  const initial = [...name.trim()][0]?.toUpperCase() ?? '?';
  return (
    <span
      className={className}
      role="img"
      aria-label={alt}
      style={{ backgroundColor: colourFor(name) }}
    >
      <span aria-hidden="true">{initial}</span>
    </span>
  );
}
