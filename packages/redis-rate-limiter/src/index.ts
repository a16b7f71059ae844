/**
 * @invoicekit/redis-rate-limiter — one vendor account's request budget, shared through Redis by
 * every process (and machine) that uses the account: at most `requestsPerMinute` requests in any
 * sliding 60-second window, summed over all of them.
 *
 * - {@link createRedisRateLimiter}: the limiter, given to adapters as `rateLimiter`;
 * - {@link budgetKey}: the budget key of a vendor account;
 * - {@link RedisRateLimiterOptionsSchema}: the options' schema.
 */
export { createRedisRateLimiter, type RedisRateLimiter } from './redis-rate-limiter';
export { budgetKey } from './budget-key';
export {
  DEFAULT_KEY_PREFIX,
  DEFAULT_SAFETY_MARGIN_MS,
  RedisRateLimiterOptionsSchema,
  type RedisRateLimiterOptions,
} from './options';
export { REDIS_RATE_LIMITER } from './provider-id';
