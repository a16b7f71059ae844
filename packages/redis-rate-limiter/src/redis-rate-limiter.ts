import { inspect } from 'node:util';
import { createRedactor, type RateLimiter, type Redactor } from '@invoicekit/core';
import { Redis } from 'ioredis';
import { budgetError, closedError, unansweredError } from './budget-errors';
import { BudgetSession, SLOT_ANSWER_TIMEOUT_MS } from './budget-session';
import { grantIntervalMs } from './grant-interval';
import { parseRedisRateLimiterOptions, type RedisRateLimiterOptions } from './options';
import { secretsOf, describeRedisClient, describeRedisUrl } from './redis-location';

/**
 * A {@link RateLimiter} whose budget lives in Redis, shared by every limiter — in any process, on
 * any machine — created with the same `key` (and `prefix`). The spacing is bottleneck's
 * (`minTime` on its Redis datastore, one bottleneck `id` per budget).
 *
 * **Guarantee:** slots of one key are handed out at least `(60 000 + safetyMarginMs) /
 * requestsPerMinute` ms apart (rounded up to whole ms), so any `requestsPerMinute + 1` of them span more than a minute plus
 * the margin; the requests they let through therefore arrive at the vendor at most
 * `requestsPerMinute` in **any sliding 60-second window**, summed over every process, as long as
 * the time from slot to arrival — plus the difference between the hosts' clocks, which
 * bottleneck's scripts take their time from — varies by less than `safetyMarginMs`. The first
 * limiter of a key to reach Redis stores the interval; give every limiter of a key the same
 * `requestsPerMinute`.
 */
export interface RedisRateLimiter extends RateLimiter {
  /**
   * Resolves when the caller may send one request. Waiters of one limiter are served in arrival
   * order; between processes, in the order Redis reserved their slots. An `AbortSignal` that
   * aborts first rejects at once with the signal's reason, and the caller sends nothing — but
   * bottleneck cannot take a queued job back, so **an aborted wait may cost one unused slot; the
   * bound is never exceeded**.
   *
   * @throws `NetworkError` (retryable) when Redis cannot be reached or does not answer within
   *   10 s; `UnavailableError` when it answers with an error (retryable when that error passes)
   *   or when the limiter is closed — no message ever holds the connection's credentials
   */
  acquire(signal?: AbortSignal): Promise<void>;
  /** The budget key (the vendor account), as given. */
  readonly key: string;
  /** The budget: requests in any 60 seconds. */
  readonly requestsPerMinute: number;
  /**
   * Stops: pending and later `acquire` calls reject, the Bottleneck is stopped and the limiter's
   * own connections are closed. A client the caller gave is left open (the limiter only ever
   * used duplicates of it). bottleneck's keys stay in Redis until they expire, a minute after
   * the last slot. Idempotent.
   */
  close(): Promise<void>;
}

/**
 * Creates the limiter of one vendor account's shared budget. Give it to every adapter of that
 * account, in every process, as `rateLimiter`: it replaces the adapter's own limiter.
 *
 * ```ts
 * const rateLimiter = createRedisRateLimiter({
 *   redis: process.env.REDIS_URL!,
 *   key: budgetKey('plandocket', 'acme'),
 *   requestsPerMinute: 120,
 * });
 * const adapter = createPlandocketAdapter({ tenant: 'acme', apiKey, rateLimiter });
 * ```
 *
 * Nothing is connected until the first `acquire`.
 *
 * @throws `ValidationError` naming each bad option (`redis`, `key`, `requestsPerMinute`, …)
 */
export function createRedisRateLimiter(options: RedisRateLimiterOptions): RedisRateLimiter {
  const parsed = parseRedisRateLimiterOptions(options);
  const redactor = createRedactor(secretsOf(parsed.redis));
  const { redis } = parsed;
  if (typeof redis !== 'string') {
    return new SharedBudgetLimiter({
      ...parsed,
      // bottleneck's connection quits the client it is given (and the subscriber it duplicates
      // from it) on disconnect, and defines its scripts as commands on it: it gets a duplicate,
      // the caller's client is neither changed nor closed. Not lazy, whatever the caller's is:
      // bottleneck waits for "ready" without sending a command that would connect it.
      connect: () => redis.duplicate({ lazyConnect: false }),
      location: describeRedisClient(redis),
      redactor,
    });
  }
  return new SharedBudgetLimiter({
    ...parsed,
    connect: () =>
      new Redis(redis, {
        // Redis before 7.2 rejects CLIENT SETINFO, which ioredis 5.8+ sends on connecting.
        disableClientInfo: true,
        // A command fails after one reconnection attempt rather than twenty: a caller waiting
        // for the budget should hear that Redis is down, not hang.
        maxRetriesPerRequest: 1,
        retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
        connectTimeout: 5000,
        commandTimeout: 5000,
      }),
    location: describeRedisUrl(redis),
    redactor,
  });
}

interface LimiterParts {
  /** Opens the connection of a new session: the session owns it and closes it. */
  readonly connect: () => Redis;
  readonly location: string;
  readonly redactor: Redactor;
  readonly key: string;
  readonly prefix: string;
  readonly requestsPerMinute: number;
  readonly safetyMarginMs: number;
}

class SharedBudgetLimiter implements RedisRateLimiter {
  readonly key: string;
  readonly requestsPerMinute: number;
  // Private fields: the connection holds the password in its options; nothing reaches it from outside.
  readonly #connect: () => Redis;
  readonly #location: string;
  readonly #redactor: Redactor;
  readonly #prefix: string;
  readonly #intervalMs: number;
  readonly #closing = new AbortController();
  #closed: Promise<void> | undefined;
  /** Opened by the first acquire, and again by the first one after a session failed. */
  #session: BudgetSession | undefined;

  constructor(parts: LimiterParts) {
    this.key = parts.key;
    this.requestsPerMinute = parts.requestsPerMinute;
    this.#connect = parts.connect;
    this.#location = parts.location;
    this.#redactor = parts.redactor;
    this.#prefix = parts.prefix;
    this.#intervalMs = grantIntervalMs(parts.requestsPerMinute, parts.safetyMarginMs);
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (this.#closing.signal.aborted) return Promise.reject(this.#closing.signal.reason as Error);
    // Before any session: an already aborted caller costs neither a connection nor a slot.
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    this.#session ??= this.#open();
    return this.#session.take(signal);
  }

  #open(): BudgetSession {
    const context = { key: this.key, location: this.#location, redactor: this.#redactor };
    const session: BudgetSession = new BudgetSession({
      client: this.#connect(),
      // bottleneck names its keys and channels after the id: b_<prefix><key>_settings, …
      id: `${this.#prefix}${this.key}`,
      minTimeMs: this.#intervalMs,
      describe: (error, lastConnectionFailure) =>
        budgetError(error, { ...context, lastConnectionFailure }),
      unanswered: () => unansweredError(context, SLOT_ANSWER_TIMEOUT_MS),
      redactText: (text) => this.#redactor.redactText(text),
      onFailed: () => {
        if (this.#session === session) this.#session = undefined;
      },
    });
    return session;
  }

  close(): Promise<void> {
    this.#closed ??= this.#shutDown();
    return this.#closed;
  }

  async #shutDown(): Promise<void> {
    const reason = closedError(this.key);
    this.#closing.abort(reason);
    const session = this.#session;
    this.#session = undefined;
    await session?.end(reason);
  }

  /** What logs may show: the key, the budget, and where Redis is — no credential. */
  toJSON(): Record<string, unknown> {
    return {
      key: this.key,
      prefix: this.#prefix,
      requestsPerMinute: this.requestsPerMinute,
      intervalMs: this.#intervalMs,
      redis: this.#location,
      closed: this.#closing.signal.aborted,
    };
  }

  [inspect.custom](): string {
    return `RedisRateLimiter ${inspect(this.toJSON())}`;
  }
}
