import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../ui/text-field.js';
import { useFormat } from '../format.js';
import { AvatarPicker } from './avatars.js';
import type { ChildForm, ChildFormErrors, Gender } from './child-form.js';
import { SKIPPED } from './child-form.js';
import { OptionalField } from './optional-field.js';

/** Regions offered first-hand; any ISO code works, these are the ones a picker lists. */
const REGIONS = [
  'CN',
  'HK',
  'MO',
  'TW',
  'SG',
  'MY',
  'JP',
  'KR',
  'TH',
  'VN',
  'PH',
  'ID',
  'IN',
  'AU',
  'NZ',
  'US',
  'CA',
  'GB',
  'IE',
  'DE',
  'FR',
  'NL',
  'IT',
  'ES',
  'SE',
  'CH',
  'AE',
  'BR',
  'ZA',
  'RU',
];
const GENDERS: Gender[] = ['girl', 'boy', 'other'];

export function ProfileFields({
  form,
  errors,
  onChange,
}: {
  form: ChildForm;
  errors: ChildFormErrors;
  onChange: (patch: Partial<ChildForm>) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const countryId = useId();
  const genderId = useId();
  const err = (k: keyof ChildForm) =>
    errors[k] ? t(`grownUpScreens.errors.${errors[k]}`) : undefined;
  const regions = useMemo(
    () =>
      REGIONS.map((code) => ({ code, name: format.region(code) })).sort((a, b) =>
        a.name.localeCompare(b.name),
      ),
    [format],
  );
  return (
    <>
      <TextField
        label={t('grownUpScreens.create.nameLabel')}
        hint={t('grownUpScreens.create.nameHint')}
        error={err('displayName')}
        name="displayName"
        data-testid="child-name"
        autoComplete="off"
        maxLength={40}
        value={form.displayName}
        onChange={(e) => onChange({ displayName: e.target.value })}
        required
      />
      <AvatarPicker value={form.avatar} onChange={(avatar) => onChange({ avatar })} />
      <h2 className="kt-gu-h2">{t('grownUpScreens.create.optionalTitle')}</h2>
      <p className="kt-field__hint">{t('grownUpScreens.create.optionalIntro')}</p>
      <OptionalField
        id="country"
        title={t('grownUpScreens.fields.country')}
        added={form.country.state === 'added'}
        onAdd={() => onChange({ country: { state: 'added', value: '' } })}
        onSkip={() => onChange({ country: SKIPPED })}
      >
        <div className="kt-field">
          <label htmlFor={countryId} className="kt-field__label">
            {t('grownUpScreens.fields.country')}
          </label>
          <select
            id={countryId}
            data-testid="child-country"
            className="kt-field__input"
            value={form.country.state === 'added' ? form.country.value : ''}
            aria-invalid={errors.country ? true : undefined}
            onChange={(e) => onChange({ country: { state: 'added', value: e.target.value } })}
          >
            <option value="">{t('grownUpScreens.fields.chooseCountry')}</option>
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
          {err('country') ? <p className="kt-field__error">{err('country')}</p> : null}
        </div>
      </OptionalField>
      <OptionalField
        id="gender"
        title={t('grownUpScreens.fields.gender')}
        added={form.gender.state === 'added'}
        onAdd={() => onChange({ gender: { state: 'added', value: '' } })}
        onSkip={() => onChange({ gender: SKIPPED })}
      >
        <div className="kt-field">
          <label htmlFor={genderId} className="kt-field__label">
            {t('grownUpScreens.fields.gender')}
          </label>
          <select
            id={genderId}
            data-testid="child-gender"
            className="kt-field__input"
            value={form.gender.state === 'added' ? form.gender.value : ''}
            aria-invalid={errors.gender ? true : undefined}
            onChange={(e) =>
              onChange({ gender: { state: 'added', value: e.target.value as Gender | '' } })
            }
          >
            <option value="">{t('grownUpScreens.fields.chooseGender')}</option>
            {GENDERS.map((g) => (
              <option key={g} value={g}>
                {t(`grownUpScreens.genders.${g}`)}
              </option>
            ))}
          </select>
          {err('gender') ? <p className="kt-field__error">{err('gender')}</p> : null}
        </div>
      </OptionalField>
      <OptionalField
        id="birthday"
        title={t('grownUpScreens.fields.birthday')}
        added={form.birthday.state === 'added'}
        onAdd={() => onChange({ birthday: { state: 'added', value: '' } })}
        onSkip={() => onChange({ birthday: SKIPPED })}
      >
        <TextField
          label={t('grownUpScreens.fields.birthday')}
          type="date"
          data-testid="child-birthday"
          error={err('birthday')}
          value={form.birthday.state === 'added' ? form.birthday.value : ''}
          onChange={(e) => onChange({ birthday: { state: 'added', value: e.target.value } })}
        />
      </OptionalField>
    </>
  );
}
