import type { BuiltinAvatar } from '@kidtalk/protocol';
import { BUILTIN_AVATARS } from '@kidtalk/protocol';
import { useTranslation } from 'react-i18next';
import { Avatar } from './avatar.js';
import './profile-picture.css';

export const PICTURES: Record<BuiltinAvatar, string> = {
  bear: '🐻',
  cat: '🐱',
  dog: '🐶',
  fox: '🦊',
  koala: '🐨',
  lion: '🦁',
  owl: '🦉',
  panda: '🐼',
  penguin: '🐧',
  rabbit: '🐰',
  robot: '🤖',
  star: '⭐',
};

export const isBuiltinAvatar = (id: string | undefined): id is BuiltinAvatar =>
  (BUILTIN_AVATARS as readonly string[]).includes(id ?? '');

/**
 * A profile picture, in both apps: a built-in one as its drawing, an uploaded one (or none) as
 * the name's initial.
 */
export function ProfilePicture({
  name,
  avatar,
  size = 'medium',
}: {
  name: string;
  avatar: { kind: string; id?: string };
  size?: 'small' | 'medium' | 'large';
}) {
  const { t } = useTranslation();
  const id = avatar.kind === 'builtin' ? avatar.id : undefined;
  if (!isBuiltinAvatar(id)) return <Avatar name={name} size={size} />;
  return (
    <span
      className={`kt-avatar kt-avatar--${size} kt-picture`}
      role="img"
      aria-label={t('ui.avatarOf', { name })}
    >
      <span aria-hidden="true">{PICTURES[id]}</span>
    </span>
  );
}
