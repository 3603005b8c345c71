import type { BuiltinAvatar } from '@kidtalk/protocol';
import { BUILTIN_AVATARS } from '@kidtalk/protocol';
import { useTranslation } from 'react-i18next';
import { Avatar } from '../../ui/avatar.js';

const PICTURES: Record<BuiltinAvatar, string> = {
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

export const isBuiltin = (id: string | undefined): id is BuiltinAvatar =>
  (BUILTIN_AVATARS as readonly string[]).includes(id ?? '');

/** A profile picture: a built-in one as its drawing, anything else as the name's initial. */
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
  if (!isBuiltin(id)) return <Avatar name={name} size={size} />;
  return (
    <span
      className={`kt-avatar kt-avatar--${size} kt-gu-picture`}
      role="img"
      aria-label={t('ui.avatarOf', { name })}
    >
      <span aria-hidden="true">{PICTURES[id]}</span>
    </span>
  );
}

/** The built-in pictures as a radio group, each named in words. */
export function AvatarPicker({
  value,
  onChange,
}: {
  value: BuiltinAvatar;
  onChange: (id: BuiltinAvatar) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="kt-gu-avatars">
      <legend className="kt-field__label">{t('grownUpScreens.create.avatarLabel')}</legend>
      <div className="kt-gu-avatars__grid">
        {BUILTIN_AVATARS.map((id) => (
          <label key={id} className="kt-gu-avatars__option">
            <input
              type="radio"
              name="avatar"
              value={id}
              checked={value === id}
              onChange={() => onChange(id)}
            />
            <span aria-hidden="true" className="kt-gu-avatars__picture">
              {PICTURES[id]}
            </span>
            <span className="kt-gu-avatars__name">{t(`grownUpScreens.avatars.${id}`)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
