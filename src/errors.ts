// Every error a caller can see, each with its contract code (docs/contract.md, "Errors").
// Messages are written for the caller and never carry personal data, SQL, a department's
// URL or a stack trace; anything that is not one of these is masked by formatError.
import { GraphQLError } from 'graphql';
import type { Department } from './evidence/kinds';

export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'DEPARTMENT_UNAVAILABLE'
  | 'AUDIT_UNAVAILABLE'
  | 'QUERY_TOO_COMPLEX'
  | 'RATE_LIMITED'
  | 'CACHE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

export const ERROR_CODES: readonly ErrorCode[] = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'DEPARTMENT_UNAVAILABLE',
  'AUDIT_UNAVAILABLE',
  'QUERY_TOO_COMPLEX',
  'RATE_LIMITED',
  'CACHE_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
];

abstract class GatewayError extends GraphQLError {
  abstract readonly code: ErrorCode;
  protected constructor(message: string, code: ErrorCode, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

/**
 * One message whatever failed: a caller learns nothing about which token check it tripped.
 * The check is kept off the wire in `reason` (for the log; in development also the response).
 */
export class UnauthenticatedError extends GatewayError {
  readonly code = 'UNAUTHENTICATED';
  /** which check failed, in words that never hold the token or a claim's value */
  readonly reason: string;
  constructor(reason = 'no valid bearer token') {
    super('Authentication required: send a valid bearer token.', 'UNAUTHENTICATED');
    this.reason = reason;
  }
}

export class ForbiddenError extends GatewayError {
  readonly code = 'FORBIDDEN';
  constructor(message = 'Not allowed for this caller.') {
    super(message, 'FORBIDDEN');
  }
}

/** Names the argument at fault, never its value (it may be an ID number). */
export class BadUserInputError extends GatewayError {
  readonly code = 'BAD_USER_INPUT';
  constructor(message: string, argumentName?: string) {
    super(message, 'BAD_USER_INPUT', argumentName ? { argumentName } : {});
  }
}

/** `incomplete`: every call answered, but the pages did not add up to what the department announced */
export type DepartmentFailure =
  'timeout' | 'status' | 'malformed' | 'incomplete' | 'network' | 'circuit_open' | 'rate_limited' | 'concurrency';

export class DepartmentUnavailableError extends GatewayError {
  readonly code = 'DEPARTMENT_UNAVAILABLE';
  readonly department: Department;
  /** kept off the wire: for logs and metrics */
  readonly failure: DepartmentFailure;
  readonly httpStatus: number | undefined;
  constructor(department: Department, failure: DepartmentFailure, httpStatus?: number) {
    super(`The ${department} department could not answer; try again later.`, 'DEPARTMENT_UNAVAILABLE', { department });
    this.department = department;
    this.failure = failure;
    this.httpStatus = httpStatus;
  }
}

export class AuditUnavailableError extends GatewayError {
  readonly code = 'AUDIT_UNAVAILABLE';
  constructor() {
    super('This read could not be recorded in the access log, so its data is withheld; try again later.', 'AUDIT_UNAVAILABLE');
  }
}

export class QueryTooComplexError extends GatewayError {
  readonly code = 'QUERY_TOO_COMPLEX';
  constructor(message = 'The query is too complex; ask for less in one request.') {
    super(message, 'QUERY_TOO_COMPLEX');
  }
}

export class RateLimitedError extends GatewayError {
  readonly code = 'RATE_LIMITED';
  constructor(retryAfterSeconds: number) {
    super('Too many requests; slow down.', 'RATE_LIMITED', { retryAfterSeconds });
  }
}

/**
 * The evidence cache could not be reached for an operation that must not pretend: an eviction
 * (an operator must not be told a correction was purged when it was not). Reads and writes
 * never raise it: they are served uncached instead.
 */
export class CacheUnavailableError extends GatewayError {
  readonly code = 'CACHE_UNAVAILABLE';
  constructor() {
    super(
      'The evidence cache could not be reached, so nothing was evicted; try again once GET /readyz no longer lists the cache.',
      'CACHE_UNAVAILABLE',
    );
  }
}

export function errorCodeOf(err: unknown): ErrorCode | undefined {
  if (err instanceof GraphQLError) {
    const code = err.extensions?.code;
    if (typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code)) return code as ErrorCode;
    if (err.originalError) return errorCodeOf(err.originalError);
  }
  return undefined;
}
