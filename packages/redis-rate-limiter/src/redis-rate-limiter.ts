import { inspect } from 'node:util';
import { createRedactor, type RateLimiter, type Redactor } from '@invoicekit/core';
import { Redis } from 'ioredis';
import { abortablePause } from './abortable-pause';
import { budgetError, closedError } from './budget-errors';
import { GRANT_SCRIPT, grantIntervalMicros } from './budget-script';
import { parseRedisRateLimiterOptions, type RedisRateLimiterOptions } from './options';
import { secretsOf, describeRedisClient, describeRedisUrl } from './redis-location';

/**
 * A {@link RateLimiter} whose budget lives in Redis, shared by every limiter — in any process, on
 * any machine — created with the same `key` (and `prefix`).
 *
 * **Guarantee:** grants of one key are spaced at least `(60 000 + safetyMarginMs) /
 * requestsPerMinute` ms apart by Redis's clock, so any `requestsPerMinute + 1` grants span more
 * than a minute plus the margin; the requests they let through therefore arrive at the vendor at
 * most `requestsPerMinute` in **any sliding 60-second window**, summed over every process, as long
 * as the time from grant to arrival varies by less than `safetyMarginMs`. Every limiter of a key
 * must be given the same `requestsPerMinute`: with different ones, the spacing is the smallest.
 */
export interface RedisRateLimiter extends RateLimiter {
  /**
   * Resolves when the caller may send one request. Waiters of one limiter are served in arrival
   * order; between processes, whoever asks first once a slot is free. An `AbortSignal` that
   * aborts before the grant rejects with the signal's reason and takes nothing from the budget.
   *
   * @throws `NetworkError` (retryable) when Redis cannot be reached; `UnavailableError` when it
   *   answers with an error (retryable when that error passes) or when the limiter is closed —
   *   no message ever holds the connection's credentials
   */
  acquire(signal?: AbortSignal): Promise<void>;
  /** The budget key (the vendor account), as given. */
  readonly key: string;
  /** The budget: requests in any 60 seconds. */
  readonly requestsPerMinute: number;
  /**
   * Stops: pending and later `acquire` calls reject, and a connection the limiter opened from a
   * URL is closed. A client the caller gave is left open. Idempotent.
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
  if (typeof parsed.redis !== 'string') {
    return new SharedBudgetLimiter({
      ...parsed,
      client: parsed.redis,
      owned: false,
      location: describeRedisClient(parsed.redis),
      redactor,
    });
  }
  const client = new Redis(parsed.redis, {
    // Connect on the first acquire, so that creating a limiter never touches the network.
    lazyConnect: true,
    // Redis before 7.2 rejects CLIENT SETINFO, which ioredis 5.8+ sends on connecting.
    disableClientInfo: true,
    // Fail an acquire after one reconnection attempt rather than twenty: a caller waiting for
    // the budget should hear that Redis is down, not hang. Reconnecting goes on in the background.
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
    connectTimeout: 5000,
    commandTimeout: 5000,
  });
  return new SharedBudgetLimiter({
    ...parsed,
    client,
    owned: true,
    location: describeRedisUrl(parsed.redis),
    redactor,
  });
}

interface LimiterParts {
  readonly client: Redis;
  readonly owned: boolean;
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
  // Private fields: the client holds the password in its options; nothing reaches it from outside.
  readonly #client: Redis;
  readonly #owned: boolean;
  readonly #location: string;
  readonly #redactor: Redactor;
  readonly #prefix: string;
  readonly #redisKey: string;
  readonly #intervalMicros: number;
  readonly #closing = new AbortController();
  #closed: Promise<void> | undefined;
  #queue: Promise<void> = Promise.resolve();
  /** Counts failed budget calls: a waiter queued before a failure fails with it, at once. */
  #failures = 0;
  #lastFailure: Error | undefined;
  #lastConnectionFailure: string | undefined;

  constructor(parts: LimiterParts) {
    this.key = parts.key;
    this.requestsPerMinute = parts.requestsPerMinute;
    this.#client = parts.client;
    this.#owned = parts.owned;
    this.#location = parts.location;
    this.#redactor = parts.redactor;
    this.#prefix = parts.prefix;
    this.#redisKey = `${parts.prefix}${parts.key}`;
    this.#intervalMicros = grantIntervalMicros(parts.requestsPerMinute, parts.safetyMarginMs);
    if (parts.owned) {
      // Without a listener ioredis prints every connection error to the console itself; they
      // reach the caller through acquire instead, redacted.
      parts.client.on('error', (error: unknown) => {
        this.#lastConnectionFailure = this.#redactor.redactText(
          error instanceof Error ? error.message : String(error),
        );
      });
      parts.client.on('ready', () => (this.#lastConnectionFailure = undefined));
    }
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (this.#closing.signal.aborted) return Promise.reject(this.#closing.signal.reason as Error);
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    const failuresBefore = this.#failures;
    const turn = this.#queue.then(() => this.#take(signal, failuresBefore));
    // A waiter that was aborted or failed must not block the ones behind it.
    this.#queue = turn.catch(() => undefined);
    if (!signal) return turn;
    // A caller waiting behind others gives up when its own signal aborts, not when its turn comes.
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => reject(signal.reason as Error);
      signal.addEventListener('abort', onAbort, { once: true });
      turn.then(
        () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error as Error);
        },
      );
    });
  }

  async #take(signal: AbortSignal | undefined, failuresBefore: number): Promise<void> {
    for (;;) {
      // A waiter that gave up (or whose limiter closed) while queued asks Redis for nothing.
      signal?.throwIfAborted();
      this.#closing.signal.throwIfAborted();
      // Redis failed while this waiter was queued: each waiter finding it out by itself would
      // take one reconnection attempt each, one after the other.
      if (this.#failures !== failuresBefore && this.#lastFailure) throw this.#lastFailure;
      const waitMicros = await this.#grant();
      if (waitMicros <= 0) return;
      await abortablePause(Math.ceil(waitMicros / 1000), [signal, this.#closing.signal]);
    }
  }

  /** One atomic try: 0 when granted, else the µs to wait before trying again. */
  async #grant(): Promise<number> {
    try {
      const answer = await this.#client.eval(
        GRANT_SCRIPT,
        1,
        this.#redisKey,
        String(this.#intervalMicros),
      );
      if (typeof answer !== 'number') throw new Error(`unexpected answer ${typeof answer}`);
      return answer;
    } catch (error) {
      this.#closing.signal.throwIfAborted();
      const failure = budgetError(error, {
        location: this.#location,
        key: this.key,
        redactor: this.#redactor,
        lastConnectionFailure: this.#lastConnectionFailure,
      });
      this.#failures += 1;
      this.#lastFailure = failure;
      throw failure;
    }
  }

  close(): Promise<void> {
    this.#closed ??= this.#shutDown();
    return this.#closed;
  }

  async #shutDown(): Promise<void> {
    this.#closing.abort(closedError(this.key));
    if (!this.#owned) return;
    if (this.#client.status === 'ready') {
      // QUIT lets a command still in flight finish; a broken connection is simply dropped.
      await this.#client.quit().catch(() => this.#client.disconnect());
    } else this.#client.disconnect();
  }

  /** What logs may show: the key, the budget, and where Redis is — no credential. */
  toJSON(): Record<string, unknown> {
    return {
      key: this.key,
      prefix: this.#prefix,
      requestsPerMinute: this.requestsPerMinute,
      intervalMs: this.#intervalMicros / 1000,
      redis: this.#location,
      closed: this.#closing.signal.aborted,
    };
  }

  [inspect.custom](): string {
    return `RedisRateLimiter ${inspect(this.toJSON())}`;
  }
}
