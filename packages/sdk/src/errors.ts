import type { ErrorCode } from '@kidtalk/protocol';

/** Codes the SDK raises itself, next to the server's stable codes and the crypto package's. */
export type SdkErrorCode =
  | 'NETWORK'
  | 'NOT_SIGNED_IN'
  | 'NO_GROUP'
  | 'CLIENT_CLOSED'
  | 'SESSION_ENDED'
  | 'SENDER_MISMATCH'
  | 'PROTOCOL';

export type KidTalkErrorCode = ErrorCode | SdkErrorCode | (string & {});

export interface KidTalkErrorOptions {
  /** HTTP status when the error came from an HTTP answer. */
  status?: number;
  /** How long the server asked us to wait before trying again. */
  retryAfterSec?: number;
  /** The clientMsgId the error is about, when there is one. */
  clientMsgId?: string;
  cause?: unknown;
}

/** Every error the SDK throws or emits: branch on `code`, never on `message`. */
export class KidTalkError extends Error {
  override readonly name = 'KidTalkError';
  readonly code: KidTalkErrorCode;
  readonly status: number | undefined;
  readonly retryAfterSec: number | undefined;
  readonly clientMsgId: string | undefined;

  constructor(code: KidTalkErrorCode, message: string, options: KidTalkErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.retryAfterSec = options.retryAfterSec;
    this.clientMsgId = options.clientMsgId;
  }

  /** Worth trying again later with the same request (the outbox does this by itself). */
  get retryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}

const RETRYABLE = new Set<string>(['RATE_LIMITED', 'UNAVAILABLE', 'INTERNAL', 'NETWORK']);

export function isKidTalkError(err: unknown): err is KidTalkError {
  return err instanceof KidTalkError;
}

/** Wraps anything thrown (a CryptoError keeps its code) so events carry one error type. */
export function toKidTalkError(
  err: unknown,
  fallback: KidTalkErrorCode = 'INTERNAL',
): KidTalkError {
  if (err instanceof KidTalkError) return err;
  const code =
    typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string'
      ? (err as { code: string }).code
      : fallback;
  const message = err instanceof Error ? err.message : String(err);
  return new KidTalkError(code, message, { cause: err });
}
