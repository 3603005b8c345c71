import { Type } from 'typebox';

// Every body object refuses fields it does not know: a typo must not be silently ignored.
export const strict = { additionalProperties: false } as const;

export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });

/** Public IDs use an alphabet without look-alikes (no 0/O, 1/I/L), so children can type them. */
export const PUBLIC_ID_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const PUBLIC_ID_LENGTH = 9;
export const PublicId = Type.String({ pattern: `^[${PUBLIC_ID_ALPHABET}]{${PUBLIC_ID_LENGTH}}$` });

// Loose on format on purpose: libphonenumber-js decides validity and returns INVALID_PHONE.
export const PhoneInput = Type.String({ minLength: 3, maxLength: 32 });

export const Pin = Type.String({ pattern: '^[0-9]{4}$' });
export const OtpCode = Type.String({ pattern: '^[0-9]{6}$' });

/**
 * Free text a person typed: no control characters (PostgreSQL refuses NUL outright), no lone
 * UTF-16 surrogates (they cannot be stored as UTF-8 unaltered), and no bidirectional override
 * or isolate marks, which let a name display as something it is not ("Mum" spoofing).
 */
export const PLAIN_TEXT =
  '^[^\\u0000-\\u001F\\u007F\\u202A-\\u202E\\u2066-\\u2069\\uD800-\\uDFFF]*$';

export const DisplayName = Type.String({ minLength: 1, maxLength: 40, pattern: PLAIN_TEXT });

export const Timestamp = Type.Integer({ minimum: 0, description: 'milliseconds since the epoch' });

export const Ok = Type.Object({ ok: Type.Literal(true) }, strict);

export const IdParams = Type.Object({ id: Id }, strict);
