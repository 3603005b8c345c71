import type { BuiltinAvatar } from '@kidtalk/protocol';
import { BUILTIN_AVATARS } from '@kidtalk/protocol';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PICTURES } from '../../ui/profile-picture.js';

/** The built-in pictures as big radio tiles, each named in words. */
export function AvatarPicker({
  value,
  onChange,
}: {
  value: BuiltinAvatar | undefined;
  onChange: (id: BuiltinAvatar) => void;
}) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="kt-ks-section" data-testid="avatar-picker">
      <legend className="kt-field__label">{t('kidScreens.account.avatarLabel')}</legend>
      <div className="kt-ks-grid">
        {BUILTIN_AVATARS.map((id) => (
          <label key={id} className="kt-ks-tile">
            <input
              type="radio"
              name={name}
              value={id}
              checked={value === id}
              onChange={() => onChange(id)}
              data-testid={`avatar-${id}`}
            />
            <span className="kt-ks-tile__picture" aria-hidden="true">
              {PICTURES[id]}
            </span>
            <span>{t(`kidScreens.account.avatar.${id}`)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
