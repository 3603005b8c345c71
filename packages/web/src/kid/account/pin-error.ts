import { isKidTalkError } from '@kidtalk/sdk';

export type PinProblem =
  | { key: 'kidScreens.account.pinWrong' }
  | { key: 'kidScreens.account.pinLocked'; minutes: number }
  | { key: 'kidScreens.account.pinReverify' }
  | { key: 'kidScreens.account.pinExpired' }
  | undefined;

/**
 * What the grown-up-needed screen says after a PIN check or an elevated action failed; other
 * errors (network, rate limit) are the app's generic ones (undefined here).
 */
export function pinProblem(err: unknown): PinProblem {
  if (!isKidTalkError(err)) return undefined;
  switch (err.code) {
    case 'PIN_INVALID':
      return { key: 'kidScreens.account.pinWrong' };
    case 'PIN_LOCKED':
      return {
        key: 'kidScreens.account.pinLocked',
        minutes: Math.max(1, Math.ceil((err.retryAfterSec ?? 900) / 60)),
      };
    case 'PIN_REVERIFY_REQUIRED':
      return { key: 'kidScreens.account.pinReverify' };
    case 'ELEVATION_INVALID':
    case 'ELEVATION_REQUIRED':
      return { key: 'kidScreens.account.pinExpired' };
    default:
      return undefined;
  }
}
