import {
  apiKeyHeader,
  bearerToken,
  defineAdapter,
  defineProvider,
  transportLimitsOf,
  type RateLimit,
} from '@invoicekit/core';
import { createPlandocketProvider } from './adapter';
import { losslessJsonCodec } from './codec/lossless-json';
import { PlandocketConfigSchema, type PlandocketConfig } from './config';
import { plandocketErrorMapper } from './errors/error-mapper';
import { PLANDOCKET } from './provider-id';
import { PLANDOCKET_USER_AGENT } from './version';

/**
 * A client-side budget below an hourly quota: a bucket whose burst plus an hour's refill never
 * exceeds `requestsPerHour`.
 */
export function hourlyRateLimit(requestsPerHour: number): RateLimit {
  const burst = Math.max(1, Math.floor(requestsPerHour / 20));
  return { requestsPerSecond: (requestsPerHour - burst) / 3600, burst };
}

/**
 * The registry entry for Plandocket: Bearer (or X-API-Key) auth, JSON decoded losslessly (money is
 * documented as floats), the vendor's error reading (`{"error"}`, `{"errors": {field: […]}}`,
 * `meta.request_id`). A 429 carries no Retry-After, so the transport's own backoff applies;
 * `requestsPerHour` adds a client-side budget below the plan's quota (a `rateLimit` given in the
 * configuration, or a shared `rateLimiter`, takes its place).
 */
export const plandocketProvider = defineProvider({
  id: PLANDOCKET,
  displayName: 'Plandocket',
  configSchema: PlandocketConfigSchema,
  rateLimitOf: (config: PlandocketConfig) =>
    config.requestsPerHour === undefined ? undefined : hourlyRateLimit(config.requestsPerHour),
  createAdapter: (runtime, config) =>
    defineAdapter(
      createPlandocketProvider(
        runtime.transport({
          provider: PLANDOCKET,
          baseUrl: config.baseUrl,
          auth:
            config.authHeader === 'x-api-key'
              ? apiKeyHeader('X-API-Key', config.apiKey)
              : bearerToken(config.apiKey),
          codec: losslessJsonCodec,
          errorMapper: plandocketErrorMapper,
          ...transportLimitsOf(config),
          headers: { 'user-agent': PLANDOCKET_USER_AGENT },
        }),
        {
          pageSize: config.pageSize,
          origin: new URL(config.baseUrl).origin,
          clock: runtime.clock,
        },
      ),
    ),
});
