import { describe, expect, it } from 'vitest';
import type { ChildForm } from './child-form.js';
import {
  childFormErrors,
  emptyChildForm,
  formFromChild,
  isValidBirthday,
  pinError,
  profileErrors,
  toCreateBody,
  toUpdateBody,
} from './child-form.js';

const today = new Date('2026-11-29T12:00:00Z');
const filled = (patch: Partial<ChildForm> = {}): ChildForm => ({
  ...emptyChildForm('fox'),
  displayName: 'Kit',
  pin: '4826',
  pinAgain: '4826',
  ...patch,
});

describe('a new child form', () => {
  it('starts with every optional detail skipped and no PIN', () => {
    const f = emptyChildForm();
    expect([f.country, f.gender, f.birthday]).toEqual([
      { state: 'skipped' },
      { state: 'skipped' },
      { state: 'skipped' },
    ]);
    expect(f.pin).toBe('');
  });

  it('sends skipped details as explicit nulls, so nothing optional is stored', () => {
    expect(toCreateBody(filled({ displayName: '  Kit ' }), 'c1')).toEqual({
      consentId: 'c1',
      displayName: 'Kit',
      avatar: { kind: 'builtin', id: 'fox' },
      pin: '4826',
      country: null,
      gender: null,
      birthday: null,
    });
  });

  it('sends added details', () => {
    const body = toCreateBody(
      filled({
        country: { state: 'added', value: 'CN' },
        gender: { state: 'added', value: 'girl' },
        birthday: { state: 'added', value: '2017-05-04' },
      }),
      'c1',
    );
    expect(body).toMatchObject({ country: 'CN', gender: 'girl', birthday: '2017-05-04' });
  });

  it('is valid with only the required fields', () => {
    expect(childFormErrors(filled(), today)).toEqual({});
  });

  it('refuses a missing, too long or control-character name', () => {
    expect(childFormErrors(filled({ displayName: '   ' }), today).displayName).toBe('nameRequired');
    expect(childFormErrors(filled({ displayName: 'x'.repeat(41) }), today).displayName).toBe(
      'nameTooLong',
    );
    expect(childFormErrors(filled({ displayName: 'Mum\u202e' }), today).displayName).toBe(
      'nameRequired',
    );
  });

  it('refuses a PIN of the wrong shape or typed differently twice', () => {
    expect(pinError('123', '123')).toBe('pinShape');
    expect(pinError('12a4', '12a4')).toBe('pinShape');
    expect(pinError('4826', '4827')).toBe('pinMismatch');
    expect(pinError('4826', '4826')).toBeUndefined();
    expect(childFormErrors(filled({ pinAgain: '0000' }), today)).toEqual({
      pinAgain: 'pinMismatch',
    });
  });

  it('asks for a value once a detail is added, or for it to be skipped', () => {
    const errors = profileErrors(
      filled({
        country: { state: 'added', value: '' },
        gender: { state: 'added', value: '' },
        birthday: { state: 'added', value: '' },
      }),
      today,
    );
    expect(errors).toEqual({
      country: 'countryRequired',
      gender: 'genderRequired',
      birthday: 'birthdayInvalid',
    });
  });
});

describe('isValidBirthday', () => {
  it('takes real past days only', () => {
    expect(isValidBirthday('2017-05-04', today)).toBe(true);
    expect(isValidBirthday('2017-02-30', today)).toBe(false);
    expect(isValidBirthday('2027-01-01', today)).toBe(false);
    expect(isValidBirthday('1899-12-31', today)).toBe(false);
    expect(isValidBirthday('17-5-4', today)).toBe(false);
  });
});

describe('correcting a profile', () => {
  const child = {
    displayName: 'Kit',
    avatar: { kind: 'builtin', id: 'owl' },
    country: 'CN',
    gender: null,
    birthday: '2017-05-04',
  };

  it('shows set details as added and the rest as skipped', () => {
    const f = formFromChild(child);
    expect(f.avatar).toBe('owl');
    expect(f.country).toEqual({ state: 'added', value: 'CN' });
    expect(f.gender).toEqual({ state: 'skipped' });
  });

  it('erases a detail switched to skip, and never sends a PIN or consent', () => {
    const f = { ...formFromChild(child), country: { state: 'skipped' as const } };
    expect(toUpdateBody(f)).toEqual({
      displayName: 'Kit',
      avatar: { kind: 'builtin', id: 'owl' },
      country: null,
      gender: null,
      birthday: '2017-05-04',
    });
  });
});
