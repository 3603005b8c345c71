/** Stable codes: the SDK and server map these to user-facing behaviour, so never rename one. */
export type CryptoErrorCode =
  | 'CREDENTIAL_INVALID'
  | 'KEY_PACKAGE_INVALID'
  | 'KEY_PACKAGE_NOT_FOUND'
  | 'FRANKING_INVALID'
  | 'REPORT_INVALID'
  | 'ATTACHMENT_INTEGRITY'
  | 'COMMIT_REJECTED'
  | 'COMMIT_PENDING'
  | 'GROUP_BUSY'
  | 'STATE_STALE'
  | 'DECRYPT_FAILED'
  | 'STATE_CORRUPT'
  | 'NOT_A_MEMBER'
  | 'BODY_INVALID'
  | 'INVALID_ARGUMENT';

export class CryptoError extends Error {
  readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CryptoError';
    this.code = code;
  }
}

export function isCryptoError(err: unknown, code?: CryptoErrorCode): err is CryptoError {
  return err instanceof CryptoError && (code === undefined || err.code === code);
}
