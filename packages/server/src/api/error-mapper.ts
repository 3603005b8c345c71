import type { ErrorBody } from '@kidtalk/protocol';
import { ErrorCode } from '@kidtalk/protocol';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../errors.js';

const STATUS: Record<ErrorCode, number> = {
  INVALID_REQUEST: 400,
  MALFORMED_JSON: 400,
  INVALID_PHONE: 400,
  INVALID_IMAGE: 400,
  WEAK_PIN: 400,
  DISPLAY_NAME_REQUIRED: 400,
  CODE_INVALID: 400,
  CODE_EXPIRED: 400,
  PIN_INVALID: 400,
  UNAUTHENTICATED: 401,
  ELEVATION_REQUIRED: 403,
  ELEVATION_INVALID: 403,
  FORBIDDEN: 403,
  CONSENT_REQUIRED: 403,
  PIN_REVERIFY_REQUIRED: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  EVIDENCE_INVALID: 422,
  LEGAL_HOLD: 409,
  SOLE_GUARDIAN: 409,
  CONFLICT: 409,
  EPOCH_CONFLICT: 409,
  TOO_MANY_MEMBERS: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PIN_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

/** Fastify's own error codes for malformed requests, each mapped to our stable code. */
const FASTIFY: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ErrorCode.PayloadTooLarge,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ErrorCode.UnsupportedMediaType,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ErrorCode.InvalidRequest,
  FST_ERR_CTP_EMPTY_JSON_BODY: ErrorCode.MalformedJson,
  FST_ERR_CTP_INVALID_JSON_BODY: ErrorCode.MalformedJson,
  FST_ERR_VALIDATION: ErrorCode.InvalidRequest,
};

export function toErrorBody(code: ErrorCode, message: string, retryAfterSec?: number): ErrorBody {
  return { error: { code, message, ...(retryAfterSec !== undefined && { retryAfterSec }) } };
}

/**
 * The one place errors become HTTP. Domain errors keep their code; anything unexpected is
 * logged in full and answered with a bare 500 that says nothing about the internals.
 */
export function mapError(err: FastifyError | Error, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof DomainError) {
    if (err.retryAfterSec !== undefined) reply.header('retry-after', String(err.retryAfterSec));
    return reply
      .status(STATUS[err.code])
      .send(toErrorBody(err.code, err.message, err.retryAfterSec));
  }
  const fe = err as FastifyError;
  if (fe.validation) {
    return reply.status(400).send(toErrorBody(ErrorCode.InvalidRequest, validationMessage(fe)));
  }
  if (fe.code && FASTIFY[fe.code]) {
    const code = FASTIFY[fe.code]!;
    return reply.status(STATUS[code]).send(toErrorBody(code, fe.message));
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    // Other client errors Fastify raises itself (bad URL encoding and the like).
    return reply.status(fe.statusCode).send(toErrorBody(ErrorCode.InvalidRequest, 'bad request'));
  }
  req.log.error({ err }, 'unhandled error');
  return reply.status(500).send(toErrorBody(ErrorCode.Internal, 'internal error'));
}

function validationMessage(err: FastifyError): string {
  const first = err.validation?.[0];
  if (!first) return 'invalid request';
  const where = err.validationContext ?? 'body';
  const at = first.instancePath || '';
  if (first.keyword === 'additionalProperties') {
    const extra = (first.params as { additionalProperty?: string }).additionalProperty;
    return `${where}${at}: unknown field ${JSON.stringify(extra)}`;
  }
  return `${where}${at} ${first.message ?? 'is invalid'}`;
}
