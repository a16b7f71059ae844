import { z } from 'zod';
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
} as const;

/** The parsed limit settings of a provider config. */
export interface TransportLimits {
  readonly timeoutMs: number;
  readonly callTimeoutMs: number;
  readonly maxResponseBytes: number;
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
