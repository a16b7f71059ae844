import type { Clock } from '../http/clock';
import type { Logger } from '../http/logger';
import { HttpTransport } from '../http/transport';
import type { TransportOptions } from '../http/transport-options';
import { TOKENS } from './tokens';
import type { DependencyContainer } from './tsyringe';

/**
 * What a provider is given to build its adapter: the adapter's clock and logger, and a factory of
 * transports that share the adapter's retry policy, rate limiter, hooks and agents. A provider
 * never sees the container.
 */
export interface ProviderRuntime {
  readonly clock: Clock;
  readonly logger: Logger;
  /** A transport for this adapter (a provider with two hosts makes two; they share one budget). */
  transport(options: TransportOptions): HttpTransport;
}

/** The runtime over an adapter's child container. */
export function runtimeOf(
  container: DependencyContainer,
  agents: Pick<TransportOptions, 'httpAgent' | 'httpsAgent'> = {},
): ProviderRuntime {
  return {
    clock: container.resolve(TOKENS.Clock),
    logger: container.resolve(TOKENS.Logger),
    transport: (options) => {
      // A container per transport: its options are its own, everything else is the adapter's.
      const scope = container.createChildContainer();
      scope.register(TOKENS.TransportOptions, {
        useValue: {
          ...options,
          httpAgent: options.httpAgent ?? agents.httpAgent,
          httpsAgent: options.httpsAgent ?? agents.httpsAgent,
        },
      });
      return scope.resolve(HttpTransport);
    },
  };
}
