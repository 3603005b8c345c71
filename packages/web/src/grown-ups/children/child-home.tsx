import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { en } from '../../i18n/en.js';
import { Screen } from '../../ui/screen.js';
import { ProfilePicture } from '../../ui/profile-picture.js';
import { useChild } from './child-context.js';

type Section = keyof typeof en.grownUpScreens.children.sections;

export const SECTIONS: { id: Section; icon: string }[] = [
  { id: 'contacts', icon: '👥' },
  { id: 'devices', icon: '📱' },
  { id: 'profile', icon: '🪪' },
  { id: 'pin', icon: '🔢' },
  { id: 'settings', icon: '🔒' },
  { id: 'conversations', icon: '💬' },
  { id: 'reports', icon: '🚩' },
  { id: 'guardians', icon: '🧑‍🤝‍🧑' },
  { id: 'consents', icon: '✅' },
  { id: 'data', icon: '📦' },
];

/** One child's dashboard: who they are, the settings in force, and every section. */
export function ChildHome() {
  const { t } = useTranslation();
  const { child } = useChild();
  return (
    <Screen title={child.displayName} back>
      <div className="kt-gu-summary">
        <ProfilePicture name={child.displayName} avatar={child.avatar} size="large" />
        <div>
          <p>{t('grownUpScreens.common.publicId', { id: child.publicId })}</p>
          <p>
            {t('grownUpScreens.settings.title')}:{' '}
            <strong data-testid="self-friending-state">
              {child.selfFriending
                ? t('grownUpScreens.common.nowOn')
                : t('grownUpScreens.common.nowOff')}
            </strong>
          </p>
          <p>{child.hasPin ? t('grownUpScreens.pin.isSet') : t('grownUpScreens.pin.notSet')}</p>
        </div>
      </div>
      <nav aria-label={child.displayName}>
        <ul className="kt-gu-sections">
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <Link to={s.id} className="kt-gu-sections__link">
                <span aria-hidden="true">{s.icon}</span>
                <span>{t(`grownUpScreens.children.sections.${s.id}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </Screen>
  );
}
