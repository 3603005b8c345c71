import type { BuiltinAvatar } from '@kidtalk/protocol';
import { BUILTIN_AVATARS } from '@kidtalk/protocol';
import { useTranslation } from 'react-i18next';
import { PICTURES } from '../../ui/profile-picture.js';

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
