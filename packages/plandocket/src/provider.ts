import {
  TOKENS,
  TokenBucketRateLimiter,
  apiKeyHeader,
  bearerToken,
  defineProvider,
  registerTransport,
  transportLimitsOf,
  type Clock,
} from '@invoicekit/core';
import type { z } from 'zod';
import { PlandocketAdapter } from './adapter';
import { PlandocketConfigSchema, type PlandocketConfig } from './config';
import { losslessJsonCodec } from './envelope/lossless-json';
import { PLANDOCKET } from './provider-id';

/**
 * The registry entry for Plandocket: Bearer (or X-API-Key) auth, JSON decoded losslessly (money is
 * documented as floats), the core's error reading (`{"error"}`, `{"errors": {field: […]}}`,
 * `meta.request_id`). A 429 carries no Retry-After, so the transport's own backoff applies;
 * `requestsPerHour` adds a client-side budget below the plan's quota.
 */
export const plandocketProvider = defineProvider<PlandocketConfig>({
  id: PLANDOCKET,
  displayName: 'Plandocket',
  configSchema: PlandocketConfigSchema as unknown as z.ZodType<PlandocketConfig>,
  createAdapter: (container, config) => {
    if (config.requestsPerHour !== undefined) {
      // A bucket whose burst plus an hour's refill never exceeds the hourly budget.
      const burst = Math.max(1, Math.floor(config.requestsPerHour / 20));
      container.register(TOKENS.RateLimiter, {
        useValue: new TokenBucketRateLimiter(
          { requestsPerSecond: (config.requestsPerHour - burst) / 3600, burst },
          container.resolve<Clock>(TOKENS.Clock),
        ),
      });
    }
    registerTransport(container, {
      provider: PLANDOCKET,
      baseUrl: config.baseUrl,
      auth:
        config.authHeader === 'x-api-key'
          ? apiKeyHeader('X-API-Key', config.apiKey)
          : bearerToken(config.apiKey),
      codec: losslessJsonCodec,
      ...transportLimitsOf(config),
      headers: { 'user-agent': 'invoicekit-plandocket/0.1' },
    });
    return container.resolve(PlandocketAdapter);
  },
});
