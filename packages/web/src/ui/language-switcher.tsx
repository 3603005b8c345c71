import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../i18n/i18n.js';
import { LANGUAGES, setLanguage } from '../i18n/i18n.js';

/** Each language is named in itself, so a reader of either finds their own. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <div className="kt-language">
      <label htmlFor={id} className="kt-language__label">
        <span aria-hidden="true">🌐 </span>
        {t('language.label')}
      </label>
      <select
        id={id}
        value={i18n.language}
        onChange={(e) => void setLanguage(e.target.value as Language)}
      >
        {LANGUAGES.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {t(`language.${lng}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
