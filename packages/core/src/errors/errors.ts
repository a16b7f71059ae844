import type { ErrorCode } from './error-code';
import {
  InvoicekitError,
  describeIssues,
  type FieldIssue,
  type InvoicekitErrorDetails,
} from './invoicekit-error';

/** Bad or missing credentials (HTTP 401 or the vendor's equivalent). */
export class AuthenticationError extends InvoicekitError {
  readonly code = 'authentication' as const;
  constructor(details: InvoicekitErrorDetails) {
    super(details, false);
  }
}

/** Valid credentials without the right to do this (HTTP 403, missing scope). */
export class PermissionError extends InvoicekitError {
  readonly code = 'permission' as const;
  constructor(details: InvoicekitErrorDetails) {
    super(details, false);
  }
}

/** The record does not exist (or is not visible to these credentials). */
export class NotFoundError extends InvoicekitError {
  readonly code = 'not_found' as const;
  constructor(details: InvoicekitErrorDetails) {
    super(details, false);
  }
}

/**
 * Input was rejected — by our own schema before anything was sent (`provider: 'core'` or the
 * adapter's id, no `status`), or by the vendor (with `status`). `issues` names every field.
 */
export class ValidationError extends InvoicekitError {
  readonly code = 'validation' as const;
  constructor(
    details: Omit<InvoicekitErrorDetails, 'message'> & {
      message?: string;
      issues: readonly FieldIssue[];
    },
  ) {
    super(
      {
        ...details,
        message: details.message ?? `invalid input: ${describeIssues(details.issues)}`,
      },
      false,
    );
  }
}

/** The request conflicts with the record's state (duplicate, locked, already paid …). */
export class ConflictError extends InvoicekitError {
  readonly code = 'conflict' as const;
  constructor(details: InvoicekitErrorDetails) {
    super(details, false);
  }
}

/** The vendor (or our client-side limiter) refused for rate. `retryAfterMs` when it said how long. */
export class RateLimitedError extends InvoicekitError {
  readonly code = 'rate_limited' as const;
  constructor(details: InvoicekitErrorDetails) {
    super(details, true);
  }
}

/** The vendor is down or overloaded (HTTP 5xx, maintenance page). */
export class UnavailableError extends InvoicekitError {
  readonly code = 'unavailable' as const;
  constructor(details: InvoicekitErrorDetails) {
    super(details, true);
  }
}

/** No answer within the timeout. Whether a write was committed is unknown. */
export class TimeoutError extends InvoicekitError {
  readonly code = 'timeout' as const;
  constructor(details: InvoicekitErrorDetails) {
    super(details, true);
  }
}

/** The connection failed (refused, reset, DNS). Whether a write was committed may be unknown. */
export class NetworkError extends InvoicekitError {
  readonly code = 'network' as const;
  /** True when the request provably never reached the vendor (connection refused, DNS failure). */
  readonly notSent: boolean;
  constructor(details: InvoicekitErrorDetails & { notSent?: boolean }) {
    super(details, true);
    this.notSent = details.notSent ?? false;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), notSent: this.notSent };
  }
}

/**
 * The vendor cannot do this: an operation whose capability is `false`, or (in strict mode)
 * canonical fields the vendor cannot hold. `operation` names it.
 */
export class UnsupportedOperationError extends InvoicekitError {
  readonly code = 'unsupported' as const;
  readonly operation: string;
  constructor(
    details: Omit<InvoicekitErrorDetails, 'message'> & { operation: string; message?: string },
  ) {
    super(
      {
        ...details,
        message: details.message ?? `${details.provider} does not support ${details.operation}`,
      },
      false,
    );
    this.operation = details.operation;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), operation: this.operation };
  }
}

/**
 * The vendor's answer was larger than the transport's `maxResponseBytes` (decoded bytes, so a
 * small compressed body that inflates past the limit counts at its inflated size). Nothing past
 * the limit was buffered. Not retryable: the same request gets the same answer.
 */
export class ResponseTooLargeError extends InvoicekitError {
  readonly code = 'response_too_large' as const;
  /** The limit that was exceeded, in bytes. */
  readonly limitBytes: number;
  constructor(details: InvoicekitErrorDetails & { limitBytes: number }) {
    super(details, false);
    this.limitBytes = details.limitBytes;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), limitBytes: this.limitBytes };
  }
}

/**
 * A write may or may not have been committed by the vendor: its answer was lost (timeout, reset,
 * a 5xx) and nothing that could prove either outcome succeeded in time. It is never repeated
 * blind; `check` says what to look at before trying again, and `cause` is the failure that made
 * the outcome unknown. Not retryable by a machine: a repeat could duplicate the write.
 */
export class OutcomeUnknownError extends InvoicekitError {
  readonly code = 'outcome_unknown' as const;
  /** The operation whose outcome is unknown, e.g. `invoices.markPaid`. */
  readonly operation: string;
  /** What to check at the vendor before repeating, in words. */
  readonly check: string;
  /** The code of the failure that left the outcome unknown (`timeout`, `network`, `unavailable`). */
  readonly causeCode: ErrorCode;
  constructor(
    details: InvoicekitErrorDetails & { operation: string; check: string; causeCode: ErrorCode },
  ) {
    super(details, false);
    this.operation = details.operation;
    this.check = details.check;
    this.causeCode = details.causeCode;
  }
  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      operation: this.operation,
      check: this.check,
      causeCode: this.causeCode,
    };
  }
}

/** Anything else the vendor answered that we cannot classify, or could not parse. */
export class ProviderError extends InvoicekitError {
  readonly code = 'provider' as const;
  constructor(details: InvoicekitErrorDetails) {
    super(details, false);
  }
}

/** Builds the error class for a normalised code — for vendor error mappers. */
export function createErrorForCode(
  code: ErrorCode,
  details: InvoicekitErrorDetails,
): InvoicekitError {
  switch (code) {
    case 'authentication':
      return new AuthenticationError(details);
    case 'permission':
      return new PermissionError(details);
    case 'not_found':
      return new NotFoundError(details);
    case 'validation':
      return new ValidationError({ ...details, issues: details.issues ?? [] });
    case 'conflict':
      return new ConflictError(details);
    case 'rate_limited':
      return new RateLimitedError(details);
    case 'unavailable':
      return new UnavailableError(details);
    case 'timeout':
      return new TimeoutError(details);
    case 'network':
      return new NetworkError(details);
    case 'unsupported':
      return new UnsupportedOperationError({
        ...details,
        operation: details.operation ?? 'unknown',
      });
    case 'response_too_large':
      return new ResponseTooLargeError({ ...details, limitBytes: 0 });
    case 'outcome_unknown':
      return new OutcomeUnknownError({
        ...details,
        operation: details.operation ?? 'unknown',
        check: 'whether the vendor recorded the write',
        causeCode: 'provider',
      });
    case 'provider':
      return new ProviderError(details);
  }
}

/** The normalised code for an HTTP status, as most REST vendors use them. */
export function errorCodeForStatus(status: number): ErrorCode {
  if (status === 401) return 'authentication';
  if (status === 403) return 'permission';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 400 || status === 422) return 'validation';
  if (status === 409 || status === 412 || status === 423) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status === 408 || status === 504) return 'timeout';
  if (status >= 500) return 'unavailable';
  return 'provider';
}
