import { ErrorCode } from '@kidtalk/protocol';

/**
 * Domain code throws these; the edge (api/error-mapper.ts) is the only place that turns them
 * into HTTP statuses. Messages are for developers and never include personal data.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryAfterSec?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * One answer for "missing" and "not yours": telling them apart would let a stranger probe
 * which child IDs exist.
 */
export const notFound = (what = 'resource') =>
  new DomainError(ErrorCode.NotFound, `${what} not found`);

export const invalid = (message: string) => new DomainError(ErrorCode.InvalidRequest, message);

export const unauthenticated = () =>
  new DomainError(ErrorCode.Unauthenticated, 'a valid session token is required');

export const rateLimited = (retryAfterSec: number) =>
  new DomainError(ErrorCode.RateLimited, 'too many requests, try again later', retryAfterSec);
