/**
 * The normalised error vocabulary. Every failure of every adapter carries exactly one of these,
 * whatever the vendor said, so callers branch on `error.code` and never on vendor text.
 */
export const ERROR_CODES = [
  'authentication',
  'permission',
  'not_found',
  'validation',
  'conflict',
  'rate_limited',
  'unavailable',
  'timeout',
  'network',
  'unsupported',
  'response_too_large',
  'outcome_unknown',
  'provider',
] as const;

/** One of {@link ERROR_CODES}: the `code` of every invoicekit error. */
export type ErrorCode = (typeof ERROR_CODES)[number];
