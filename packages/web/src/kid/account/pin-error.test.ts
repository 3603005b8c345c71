import { KidTalkError } from '@kidtalk/sdk';
import { describe, expect, it } from 'vitest';
import { pinProblem } from './pin-error.js';

describe('pinProblem', () => {
  it('explains a wrong, locked or re-verify PIN and a spent elevation', () => {
    expect(pinProblem(new KidTalkError('PIN_INVALID', 'x'))).toEqual({
      key: 'kidScreens.account.pinWrong',
    });
    expect(pinProblem(new KidTalkError('PIN_LOCKED', 'x', { retryAfterSec: 61 }))).toEqual({
      key: 'kidScreens.account.pinLocked',
      minutes: 2,
    });
    expect(pinProblem(new KidTalkError('PIN_LOCKED', 'x'))).toEqual({
      key: 'kidScreens.account.pinLocked',
      minutes: 15,
    });
    expect(pinProblem(new KidTalkError('PIN_REVERIFY_REQUIRED', 'x'))?.key).toBe(
      'kidScreens.account.pinReverify',
    );
    expect(pinProblem(new KidTalkError('ELEVATION_INVALID', 'x'))?.key).toBe(
      'kidScreens.account.pinExpired',
    );
  });

  it('leaves other errors to the generic message', () => {
    expect(pinProblem(new KidTalkError('NETWORK', 'x'))).toBeUndefined();
    expect(pinProblem(new Error('boom'))).toBeUndefined();
  });
});
