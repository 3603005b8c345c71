import { Type, type Static } from 'typebox';

/**
 * Stable error codes. Clients branch on these, so a code is never renamed or reused;
 * the HTTP status that goes with each lives in the server's edge mapper.
 */
export const ErrorCode = {
  InvalidRequest: 'INVALID_REQUEST',
  MalformedJson: 'MALFORMED_JSON',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  InvalidPhone: 'INVALID_PHONE',
  InvalidImage: 'INVALID_IMAGE',
  WeakPin: 'WEAK_PIN',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  CodeInvalid: 'CODE_INVALID',
  CodeExpired: 'CODE_EXPIRED',
  PinInvalid: 'PIN_INVALID',
  PinLocked: 'PIN_LOCKED',
  PinReverifyRequired: 'PIN_REVERIFY_REQUIRED',
  ElevationRequired: 'ELEVATION_REQUIRED',
  ElevationInvalid: 'ELEVATION_INVALID',
  ConsentRequired: 'CONSENT_REQUIRED',
  DisplayNameRequired: 'DISPLAY_NAME_REQUIRED',
  RateLimited: 'RATE_LIMITED',
  EpochConflict: 'EPOCH_CONFLICT',
  TooManyMembers: 'TOO_MANY_MEMBERS',
  MethodNotAllowed: 'METHOD_NOT_ALLOWED',
  /** Report evidence that does not verify, names another sender, or a conversation the reporter is not in. */
  EvidenceInvalid: 'EVIDENCE_INVALID',
  /** An open legal hold suspends the account's deletion (P22, P28). */
  LegalHold: 'LEGAL_HOLD',
  /** An adult who is the only guardian of a child cannot delete their account first. */
  SoleGuardian: 'SOLE_GUARDIAN',
  Unavailable: 'UNAVAILABLE',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ErrorBody = Type.Object(
  {
    error: Type.Object(
      {
        code: Type.String(),
        message: Type.String(),
        retryAfterSec: Type.Optional(Type.Integer({ minimum: 0 })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false, $id: 'ErrorBody' },
);
export type ErrorBody = Static<typeof ErrorBody>;
