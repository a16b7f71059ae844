import 'reflect-metadata';
import { instanceCachingFactory, type DependencyContainer, type InjectionToken } from 'tsyringe';
import { systemClock, systemRandom } from '../http/clock';
import { silentLogger } from '../http/logger';
import { TokenBucketRateLimiter, unlimitedRateLimiter, type RateLimit } from '../http/rate-limiter';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../http/retry-policy';
import { HttpTransport } from '../http/transport';
import type { TransportOptions } from '../http/transport-options';
import { TOKENS } from './tokens';

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
 * A child container for one adapter, holding the defaults every adapter needs: system clock and
 * randomness, a silent logger, the retry policy, a rate limiter (one per adapter) and empty hooks.
 * Anything already registered in `parent` is kept, so callers override by registering there.
 */
export function createAdapterContainer(
  parent: DependencyContainer,
  defaults: AdapterContainerDefaults = {},
): DependencyContainer {
  const child = parent.createChildContainer();
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

/**
 * Registers the transport for an adapter: its options and one {@link HttpTransport} per container,
 * built from the container's clock, logger, retry policy, rate limiter and hooks.
 */
export function registerTransport(
  container: DependencyContainer,
  options: TransportOptions,
): HttpTransport {
  container.register(TOKENS.TransportOptions, { useValue: options });
  container.register(TOKENS.Transport, {
    useFactory: instanceCachingFactory((c) => c.resolve(HttpTransport)),
  });
  return container.resolve(TOKENS.Transport);
}
