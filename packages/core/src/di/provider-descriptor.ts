import type { z } from 'zod';
import type { RateLimit } from '../http/rate-limiter';
import type { RetryPolicy } from '../http/retry-policy';
import type { InvoiceAdapterV1 } from '../spec/adapter-v1';
import type { ProviderRuntime } from './provider-runtime';

/**
 * What a provider package registers: its id, how its configuration is validated, its defaults,
 * and how it builds an adapter from the validated configuration and the runtime prepared for it.
 */
export interface ProviderDescriptor<
  Config = unknown,
  Adapter extends InvoiceAdapterV1 = InvoiceAdapterV1,
  ConfigInput = unknown,
> {
  /** Stable id used in configuration (`{ provider: 'invoiceocean' }`) and in errors. */
  readonly id: string;
  readonly displayName: string;
  /** Validates the whole configuration object, `provider` key included. */
  readonly configSchema: z.ZodType<Config, ConfigInput>;
  /** Client-side rate limit when the configuration sets none; `undefined` for none. */
  readonly defaultRateLimit?: RateLimit | undefined;
  /** A rate limit that follows from the configuration (a plan's hourly quota), over the default. */
  rateLimitOf?(config: Config): RateLimit | undefined;
  /** Overrides of the default retry policy for this vendor. */
  readonly defaultRetryPolicy?: Partial<RetryPolicy> | undefined;
  /** Builds the adapter: usually `defineAdapter(createXProvider(runtime, config))`. */
  createAdapter(runtime: ProviderRuntime, config: Config): Adapter;
}

/** Declares a descriptor with its config and adapter types inferred. */
export function defineProvider<Config, Adapter extends InvoiceAdapterV1, ConfigInput>(
  descriptor: ProviderDescriptor<Config, Adapter, ConfigInput>,
): ProviderDescriptor<Config, Adapter, ConfigInput> {
  return descriptor;
}
