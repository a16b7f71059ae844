import { z } from 'zod';
import type { RetryPolicy } from './retry-policy';
import type { TransportOptions } from './transport-options';

/** Defaults of the transport's limits: generous for invoicing APIs, bounded for hostile ones. */
export const DEFAULT_TRANSPORT_LIMITS = Object.freeze({
  timeoutMs: 30_000,
  callTimeoutMs: 120_000,
  maxResponseBytes: 10 * 1024 * 1024,
});

/**
 * The limit settings every provider's config accepts, as a zod shape to spread into its
 * `strictObject`: one spelling and one set of bounds for all vendors.
 */
export const TRANSPORT_LIMITS_CONFIG = {
  /** Deadline of one attempt, headers and body together. */
  timeoutMs: z.number().int().positive().max(300_000).default(DEFAULT_TRANSPORT_LIMITS.timeoutMs),
  /** Deadline of one call, retries and look-ups included. */
  callTimeoutMs: z
    .number()
    .int()
    .positive()
    .max(3_600_000)
    .default(DEFAULT_TRANSPORT_LIMITS.callTimeoutMs),
  /** Largest answer read, in decoded bytes. */
  maxResponseBytes: z
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(DEFAULT_TRANSPORT_LIMITS.maxResponseBytes),
  /**
   * Overrides of the retry policy (retries, backoff, retry budget, look-ups after a lost
   * write); each field falls back to the vendor's default, then to `DEFAULT_RETRY_POLICY`.
   */
  retry: z
    .strictObject({
      maxRetries: z.number().int().min(0).max(20).optional(),
      baseDelayMs: z.number().int().min(0).max(60_000).optional(),
      maxDelayMs: z.number().int().min(0).max(600_000).optional(),
      maxRetryAfterMs: z.number().int().min(0).max(3_600_000).optional(),
      retryBudgetMs: z.number().int().min(0).max(3_600_000).optional(),
      lookupAttempts: z.number().int().min(1).max(20).optional(),
      lookupDelayMs: z.number().int().min(0).max(600_000).optional(),
    })
    .optional(),
  /**
   * Client-side request budget of this adapter (token bucket: `burst` at once, then
   * `requestsPerSecond`); the vendor's default when absent.
   */
  rateLimit: z
    .strictObject({
      requestsPerSecond: z.number().positive().max(10_000),
      burst: z.number().int().min(1).max(10_000),
    })
    .optional(),
} as const;

/** The parsed limit settings of a provider config. */
export interface TransportLimits {
  readonly timeoutMs: number;
  readonly callTimeoutMs: number;
  readonly maxResponseBytes: number;
  readonly retry?: Partial<RetryPolicy> | undefined;
  readonly rateLimit?: { readonly requestsPerSecond: number; readonly burst: number } | undefined;
}

/** The {@link TransportOptions} fields for a provider config's limit settings. */
export function transportLimitsOf(
  config: TransportLimits,
): Pick<TransportOptions, 'timeoutMs' | 'callTimeoutMs' | 'maxResponseBytes'> {
  return {
    timeoutMs: config.timeoutMs,
    callTimeoutMs: config.callTimeoutMs,
    maxResponseBytes: config.maxResponseBytes,
  };
}
