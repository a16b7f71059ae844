import type { DependencyContainer } from 'tsyringe';
import type { z } from 'zod';
import type { RateLimit } from '../http/rate-limiter';
import type { RetryPolicy } from '../http/retry-policy';
import type { InvoiceAdapterV1 } from '../spec/adapter-v1';

/**
 * What a provider package registers: its id, how its configuration is validated, its defaults,
 * and how it builds an adapter inside the child container prepared for it.
 */
export interface ProviderDescriptor<Config = unknown> {
  /** Stable id used in configuration (`{ provider: 'invoiceocean' }`) and in errors. */
  readonly id: string;
  readonly displayName: string;
  /** Validates the whole configuration object, `provider` key included. */
  readonly configSchema: z.ZodType<Config>;
  /** Client-side rate limit when the caller sets none; `undefined` for none. */
  readonly defaultRateLimit?: RateLimit | undefined;
  /** Overrides of the default retry policy for this vendor. */
  readonly defaultRetryPolicy?: Partial<RetryPolicy> | undefined;
  /**
   * Builds the adapter. The container already holds the clock, logger, retry policy, rate limiter,
   * hooks and the validated config under `TOKENS.ProviderConfig`.
   */
  createAdapter(container: DependencyContainer, config: Config): InvoiceAdapterV1;
}

/** Declares a descriptor with its config type inferred from the schema. */
export function defineProvider<Config>(
  descriptor: ProviderDescriptor<Config>,
): ProviderDescriptor<Config> {
  return descriptor;
}
