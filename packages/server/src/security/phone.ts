import type { CountryCode } from 'libphonenumber-js';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { ErrorCode } from '@kidtalk/protocol';
import { DomainError } from '../errors.js';

/** Parses what a person typed into E.164, the only form the server stores or compares. */
export function normalizePhone(input: string, defaultRegion: CountryCode): string {
  const parsed = parsePhoneNumberFromString(input, defaultRegion);
  if (!parsed || !parsed.isValid()) {
    throw new DomainError(ErrorCode.InvalidPhone, 'not a valid phone number');
  }
  const type = parsed.getType();
  // Numbers that cannot receive SMS are refused up front rather than failing at send time.
  if (
    type === 'FIXED_LINE' ||
    type === 'PREMIUM_RATE' ||
    type === 'SHARED_COST' ||
    type === 'TOLL_FREE'
  ) {
    throw new DomainError(ErrorCode.InvalidPhone, 'this number cannot receive SMS');
  }
  return parsed.number;
}

/** For logs and notices: enough to recognise one's own number, not enough to call it. */
export function maskPhone(e164: string): string {
  return e164.length <= 6 ? '***' : `${e164.slice(0, 3)}****${e164.slice(-2)}`;
}
