import { systemClock, systemRandom } from '../http/clock';
import { silentLogger } from '../http/logger';
import { TokenBucketRateLimiter, unlimitedRateLimiter, type RateLimit } from '../http/rate-limiter';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../http/retry-policy';
import type { AdapterRuntimeOptions } from './adapter-options';
import { TOKENS } from './tokens';
import { instanceCachingFactory, type DependencyContainer, type InjectionToken } from './tsyringe';

/** Defaults for one adapter's container. */
export interface AdapterContainerDefaults {
  readonly rateLimit?: RateLimit | undefined;
  readonly retryPolicy?: Partial<RetryPolicy> | undefined;
}

function registerIfAbsent<T>(
  container: DependencyContainer,
  token: InjectionToken<T>,
  register: () => void,
): void {
  // A registration anywhere up the chain (the caller's own container) wins over our default.
  if (!container.isRegistered(token, true)) register();
}

/**
 * A child container for one adapter. The caller's plain runtime options come first; then
 * whatever the parent container holds; then the defaults every adapter needs — system clock and
 * randomness, a silent logger, the retry policy, a rate limiter (one per adapter) and no hooks.
 */
export function createAdapterContainer(
  parent: DependencyContainer,
  defaults: AdapterContainerDefaults = {},
  runtime: Omit<AdapterRuntimeOptions, 'configure' | 'httpAgent' | 'httpsAgent'> = {},
): DependencyContainer {
  const child = parent.createChildContainer();
  const given = <T>(token: InjectionToken<T>, value: T | undefined): void => {
    if (value !== undefined) child.register(token, { useValue: value });
  };
  given(TOKENS.Clock, runtime.clock);
  given(TOKENS.Random, runtime.random);
  given(TOKENS.Logger, runtime.logger);
  given(TOKENS.HttpHooks, runtime.hooks);
  given(TOKENS.RateLimiter, runtime.rateLimiter);
  registerIfAbsent(child, TOKENS.Clock, () =>
    child.register(TOKENS.Clock, { useValue: systemClock }),
  );
  registerIfAbsent(child, TOKENS.Random, () =>
    child.register(TOKENS.Random, { useValue: systemRandom }),
  );
  registerIfAbsent(child, TOKENS.Logger, () =>
    child.register(TOKENS.Logger, { useValue: silentLogger }),
  );
  registerIfAbsent(child, TOKENS.HttpHooks, () =>
    child.register(TOKENS.HttpHooks, { useValue: {} }),
  );
  registerIfAbsent(child, TOKENS.RetryPolicy, () =>
    child.register(TOKENS.RetryPolicy, {
      useValue: { ...DEFAULT_RETRY_POLICY, ...defaults.retryPolicy },
    }),
  );
  registerIfAbsent(child, TOKENS.RateLimiter, () =>
    child.register(TOKENS.RateLimiter, {
      useFactory: instanceCachingFactory((c) =>
        defaults.rateLimit
          ? new TokenBucketRateLimiter(defaults.rateLimit, c.resolve(TOKENS.Clock))
          : unlimitedRateLimiter,
      ),
    }),
  );
  return child;
}
