import type { BuiltinAvatar, CreateChildBody, UpdateChildBody } from '@kidtalk/protocol';

export type Gender = 'girl' | 'boy' | 'other';

/**
 * An optional profile field (P5) is either skipped or added. Skipped is the starting state:
 * nothing optional is asked for unless the guardian chooses to add it.
 */
export type Optional<T> = { state: 'skipped' } | { state: 'added'; value: T };

export interface ChildForm {
  displayName: string;
  avatar: BuiltinAvatar;
  pin: string;
  pinAgain: string;
  country: Optional<string>;
  gender: Optional<Gender | ''>;
  birthday: Optional<string>;
}

export type ChildFormError =
  | 'nameRequired'
  | 'nameTooLong'
  | 'pinShape'
  | 'pinMismatch'
  | 'countryRequired'
  | 'genderRequired'
  | 'birthdayInvalid';

export type ChildFormErrors = Partial<Record<keyof ChildForm, ChildFormError>>;

export const SKIPPED = { state: 'skipped' } as const;

/** A new child starts with nothing optional filled in and no PIN chosen for them. */
export function emptyChildForm(avatar: BuiltinAvatar = 'bear'): ChildForm {
  return {
    displayName: '',
    avatar,
    pin: '',
    pinAgain: '',
    country: SKIPPED,
    gender: SKIPPED,
    birthday: SKIPPED,
  };
}

/** The schema's rule (1 to 40 characters, no control or bidi characters). */
// eslint-disable-next-line no-control-regex
const NOT_PLAIN = /[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

export function pinError(pin: string, again: string): ChildFormError | undefined {
  if (!/^[0-9]{4}$/.test(pin)) return 'pinShape';
  if (pin !== again) return 'pinMismatch';
  return undefined;
}

/** A real calendar day, not in the future, from 1900 on (the server checks the same). */
export function isValidBirthday(value: string, today: Date): boolean {
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) return false;
  return d.getUTCFullYear() >= 1900 && d.getTime() <= today.getTime();
}

/** Any display name, a child's or an adult's own, checked before it is sent (trimmed). */
export function displayNameError(name: string): 'nameRequired' | 'nameTooLong' | undefined {
  const trimmed = name.trim();
  if (trimmed === '' || NOT_PLAIN.test(trimmed)) return 'nameRequired';
  if ([...trimmed].length > 40) return 'nameTooLong';
  return undefined;
}

export function profileErrors(form: ChildForm, today: Date): ChildFormErrors {
  const errors: ChildFormErrors = {};
  const nameError = displayNameError(form.displayName);
  if (nameError) errors.displayName = nameError;
  if (form.country.state === 'added' && !/^[A-Z]{2}$/.test(form.country.value)) {
    errors.country = 'countryRequired';
  }
  if (form.gender.state === 'added' && form.gender.value === '') errors.gender = 'genderRequired';
  if (form.birthday.state === 'added' && !isValidBirthday(form.birthday.value, today)) {
    errors.birthday = 'birthdayInvalid';
  }
  return errors;
}

export function childFormErrors(form: ChildForm, today: Date): ChildFormErrors {
  const errors = profileErrors(form, today);
  const pin = pinError(form.pin, form.pinAgain);
  if (pin) errors[pin === 'pinShape' ? 'pin' : 'pinAgain'] = pin;
  return errors;
}

const optional = <T>(o: Optional<T>): T | null => (o.state === 'added' ? o.value : null);

/** A skipped field is sent as an explicit null: nothing is stored for it. */
export function toCreateBody(form: ChildForm, consentId: string): CreateChildBody {
  return {
    consentId,
    displayName: form.displayName.trim(),
    avatar: { kind: 'builtin', id: form.avatar },
    pin: form.pin,
    country: optional(form.country),
    gender: (optional(form.gender) || null) as Gender | null,
    birthday: optional(form.birthday),
  };
}

/** A correction sends every profile field, so skipping a field that was set erases it. */
export function toUpdateBody(form: ChildForm): UpdateChildBody {
  const body = toCreateBody(form, '');
  return {
    displayName: body.displayName,
    avatar: body.avatar,
    country: body.country ?? null,
    gender: body.gender ?? null,
    birthday: body.birthday ?? null,
  };
}

/** The form as it stands for an existing child, for correcting it. */
export function formFromChild(child: {
  displayName: string;
  avatar: { kind: string; id?: string };
  country: string | null;
  gender: Gender | null;
  birthday: string | null;
}): ChildForm {
  const added = <T>(v: T | null): Optional<T> =>
    v === null ? SKIPPED : { state: 'added', value: v };
  return {
    displayName: child.displayName,
    avatar: (child.avatar.kind === 'builtin' ? child.avatar.id : 'bear') as BuiltinAvatar,
    pin: '',
    pinAgain: '',
    country: added(child.country),
    gender: added(child.gender),
    birthday: added(child.birthday),
  };
}
