import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { z } from 'zod';
import type { Clock, RandomSource } from '../http/clock';
import type { HttpHooks } from '../http/hooks';
import type { Logger } from '../http/logger';
import type { RateLimiter } from '../http/rate-limiter';
import type { DependencyContainer } from './tsyringe';

/**
 * The parts of an adapter that are objects rather than settings, given as plain options beside
 * the provider's configuration: `createInvoiceOceanAdapter({ domain, apiToken, logger, clock })`.
 * Settings (credentials, `baseUrl`, `timeoutMs`, `callTimeoutMs`, `maxResponseBytes`, `retry`,
 * `rateLimit`) are part of the configuration and validated with it.
 */
export interface AdapterRuntimeOptions {
  /** Structured logger; silent by default. Everything it is given is already redacted. */
  readonly logger?: Logger | undefined;
  /** Observability hooks (`onRequest`, `onResponse`, `onRetry`); payloads redacted. */
  readonly hooks?: HttpHooks | undefined;
  /** Time for retries, backoff, rate limits and the vendor's business day; the system clock by default. */
  readonly clock?: Clock | undefined;
  /** Jitter source in [0, 1); `Math.random` by default. */
  readonly random?: RandomSource | undefined;
  /** Agent for `http:` base URLs: a socket pool of your own, or a proxy agent. */
  readonly httpAgent?: HttpAgent | undefined;
  /** Agent for `https:` base URLs: e.g. a proxy agent (`new HttpsProxyAgent(url)`). */
  readonly httpsAgent?: HttpsAgent | undefined;
  /**
   * A request budget shared with other adapters, e.g. every adapter of one vendor account; it
   * replaces the adapter's own limiter (`rateLimit` in the configuration).
   */
  readonly rateLimiter?: RateLimiter | undefined;
  /**
   * The escape hatch: called with the adapter's child container before the adapter is built, to
   * register anything under `TOKENS`. Plain options cover every common need.
   */
  readonly configure?: ((container: DependencyContainer) => void) | undefined;
}

/** The names of {@link AdapterRuntimeOptions}: what a factory separates from the configuration. */
export const RUNTIME_OPTION_KEYS = [
  'logger',
  'hooks',
  'clock',
  'random',
  'httpAgent',
  'httpsAgent',
  'rateLimiter',
  'configure',
] as const satisfies readonly (keyof AdapterRuntimeOptions)[];

const hasMethods =
  (...methods: string[]) =>
  (value: unknown): boolean =>
    typeof value === 'object' &&
    value !== null &&
    methods.every((method) => typeof (value as Record<string, unknown>)[method] === 'function');

const HOOK_NAMES = ['onRequest', 'onResponse', 'onRetry'];

/** Validates {@link AdapterRuntimeOptions}: each present object has the methods it is used for. */
export const AdapterRuntimeOptionsSchema = z.strictObject({
  logger: z
    .custom<Logger>(hasMethods('debug', 'info', 'warn', 'error'), {
      message: 'a logger with debug, info, warn and error methods',
    })
    .optional(),
  hooks: z
    .custom<HttpHooks>(
      (value) =>
        typeof value === 'object' &&
        value !== null &&
        Object.entries(value).every(
          ([name, hook]) =>
            HOOK_NAMES.includes(name) && (hook === undefined || typeof hook === 'function'),
        ),
      { message: `an object of hook functions (${HOOK_NAMES.join(', ')})` },
    )
    .optional(),
  clock: z
    .custom<Clock>(hasMethods('now', 'sleep'), { message: 'a clock with now and sleep methods' })
    .optional(),
  random: z
    .custom<RandomSource>((value) => typeof value === 'function', { message: 'a function' })
    .optional(),
  httpAgent: z
    .custom<HttpAgent>((value) => value instanceof HttpAgent, { message: 'an http.Agent' })
    .optional(),
  httpsAgent: z
    .custom<HttpsAgent>((value) => value instanceof HttpsAgent, { message: 'an https.Agent' })
    .optional(),
  rateLimiter: z
    .custom<RateLimiter>(hasMethods('acquire'), {
      message: 'a rate limiter with an acquire method',
    })
    .optional(),
  configure: z
    .custom<(container: DependencyContainer) => void>((value) => typeof value === 'function', {
      message: 'a function',
    })
    .optional(),
});

/**
 * Splits a factory's one options object into the configuration (validated by the provider's
 * schema) and the runtime objects (validated by {@link AdapterRuntimeOptionsSchema}).
 */
export function splitAdapterOptions(options: Readonly<Record<string, unknown>>): {
  config: Record<string, unknown>;
  runtime: Record<string, unknown>;
} {
  const config: Record<string, unknown> = {};
  const runtime: Record<string, unknown> = {};
  const runtimeKeys: readonly string[] = RUNTIME_OPTION_KEYS;
  for (const [key, value] of Object.entries(options)) {
    if (runtimeKeys.includes(key)) {
      if (value !== undefined) runtime[key] = value;
    } else config[key] = value;
  }
  return { config, runtime };
}
