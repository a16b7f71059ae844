import type { InjectionToken } from './tsyringe';
import type { Clock, RandomSource } from '../http/clock';
import type { HttpHooks } from '../http/hooks';
import type { Logger } from '../http/logger';
import type { RateLimiter } from '../http/rate-limiter';
import type { RetryPolicy } from '../http/retry-policy';
import type { TransportOptions } from '../http/transport-options';

/**
 * Injection tokens of the adapter container. Every constructor parameter in invoicekit names one
 * of these with `@inject(TOKEN)`; nothing depends on emitted decorator metadata, so esbuild-built
 * code and tests resolve identically. Users set the same things with plain options
 * (`createXAdapter({ clock, logger, hooks })`); the tokens are for `configure`, the escape hatch.
 */
export const TOKENS = {
  Clock: Symbol.for('invoicekit.Clock') as InjectionToken<Clock>,
  Random: Symbol.for('invoicekit.Random') as InjectionToken<RandomSource>,
  Logger: Symbol.for('invoicekit.Logger') as InjectionToken<Logger>,
  RetryPolicy: Symbol.for('invoicekit.RetryPolicy') as InjectionToken<RetryPolicy>,
  RateLimiter: Symbol.for('invoicekit.RateLimiter') as InjectionToken<RateLimiter>,
  HttpHooks: Symbol.for('invoicekit.HttpHooks') as InjectionToken<HttpHooks>,
  TransportOptions: Symbol.for('invoicekit.TransportOptions') as InjectionToken<TransportOptions>,
  /** The provider's validated configuration object. */
  ProviderConfig: Symbol.for('invoicekit.ProviderConfig') as InjectionToken<unknown>,
} as const;
