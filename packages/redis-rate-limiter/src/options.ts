import { parseInput } from '@invoicekit/core';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { REDIS_RATE_LIMITER } from './provider-id';

/** The prefix of a budget's bottleneck `id` — and so of the key inside its Redis keys — when none is given. */
export const DEFAULT_KEY_PREFIX = 'invoicekit:rate-budget:';

/**
 * How much the delay between a grant in Redis and the request's arrival at the vendor may vary
 * over one minute, by default — see {@link RedisRateLimiterOptions.safetyMarginMs}.
 */
export const DEFAULT_SAFETY_MARGIN_MS = 1000;

// Duck-typed rather than `instanceof Redis`: a caller's client may come from another copy of
// ioredis (a different version, a bundled one), which is still a client we can duplicate.
const isRedisClient = (value: unknown): value is Redis =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Record<string, unknown>).eval === 'function' &&
  typeof (value as Record<string, unknown>).duplicate === 'function' &&
  typeof (value as Record<string, unknown>).status === 'string';

const isRedisUrl = (value: unknown): value is string => {
  if (typeof value !== 'string' || !URL.canParse(value)) return false;
  const { protocol, hostname } = new URL(value);
  return (protocol === 'redis:' || protocol === 'rediss:') && hostname !== '';
};

/** Validates {@link RedisRateLimiterOptions}. */
export const RedisRateLimiterOptionsSchema = z.strictObject({
  redis: z.custom<string | Redis>((value) => isRedisUrl(value) || isRedisClient(value), {
    message: 'a redis:// or rediss:// URL, or an ioredis client',
  }),
  key: z
    .string()
    .min(1)
    .max(512)
    // Keys are logged and named in errors: whitespace or control characters there are a mistake.
    .regex(/^[^\s\p{Cc}]+$/u, { message: 'a budget key without spaces or control characters' }),
  requestsPerMinute: z.number().int().positive().max(600_000),
  prefix: z
    .string()
    .max(256)
    .regex(/^[^\s\p{Cc}]*$/u, { message: 'a key prefix without spaces or control characters' })
    .default(DEFAULT_KEY_PREFIX),
  safetyMarginMs: z.number().int().min(0).max(60_000).default(DEFAULT_SAFETY_MARGIN_MS),
});

/** The options of {@link createRedisRateLimiter}. */
export interface RedisRateLimiterOptions {
  /**
   * Where the budget lives: a `redis://` / `rediss://` URL (the limiter opens its own connections
   * and {@link RedisRateLimiter.close} closes them), or an ioredis client the caller owns: the
   * limiter connects with its settings (`duplicate()`), and never changes or closes it.
   */
  readonly redis: string | Redis;
  /**
   * The vendor account whose budget this is, e.g. `invoiceocean:acme.invoiceocean.com`: every
   * limiter with the same key (and prefix), in any process, draws from one budget. Build it with
   * {@link budgetKey}; never from a credential.
   */
  readonly key: string;
  /** The vendor's limit for the account: at most this many requests in any 60 seconds. */
  readonly requestsPerMinute: number;
  /**
   * Prefix of the budget's bottleneck `id` (`prefix + key`), `invoicekit:rate-budget:` by default:
   * bottleneck's Redis keys are `b_<prefix><key>_settings` and the like.
   */
  readonly prefix?: string | undefined;
  /**
   * Milliseconds added to the minute before it is divided into `requestsPerMinute` slots (1000
   * by default): the most by which the time from a grant in Redis to the request's arrival at the
   * vendor (event-loop lag, the transport's own work, network jitter) may vary without letting
   * one request too many into a 60-second window. Costs `safetyMarginMs / 60 000` of the budget.
   */
  readonly safetyMarginMs?: number | undefined;
}

/** {@link RedisRateLimiterOptions} validated, with the defaults applied. */
export type ParsedRedisRateLimiterOptions = z.output<typeof RedisRateLimiterOptionsSchema>;

/**
 * Validates the options; a {@link ValidationError} names every bad field (`redis`,
 * `requestsPerMinute`, …) and quotes none of the values, so a URL's password never reaches it.
 */
export function parseRedisRateLimiterOptions(options: unknown): ParsedRedisRateLimiterOptions {
  return parseInput(RedisRateLimiterOptionsSchema, options, {
    provider: REDIS_RATE_LIMITER,
    operation: 'createRedisRateLimiter',
  });
}
