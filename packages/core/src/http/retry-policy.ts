/** How failed requests are retried. */
export interface RetryPolicy {
  /** Retries after the first attempt; 0 disables retrying. */
  readonly maxRetries: number;
  /** Backoff before the first retry; doubles each time. */
  readonly baseDelayMs: number;
  /** Cap of one backoff delay. */
  readonly maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited for: the error is thrown instead. */
  readonly maxRetryAfterMs: number;
  /**
   * Total time one call may spend waiting between attempts (backoff and `Retry-After`). A wait
   * that would overrun it is not started: the last error is thrown instead.
   */
  readonly retryBudgetMs: number;
  /**
   * How many times a write's idempotency look-up is asked after an ambiguous failure before its
   * outcome is declared unknown. A vendor may commit a write after the client gave up on it, so
   * one early "not found" proves nothing.
   */
  readonly lookupAttempts: number;
  /** Wait before each such look-up: the time the vendor is given to finish committing. */
  readonly lookupDelayMs: number;
}

/** The retry policy every adapter starts from; `retry` in its options overrides single fields. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
  retryBudgetMs: 60_000,
  lookupAttempts: 3,
  lookupDelayMs: 1_000,
});

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so retries of many
 * clients spread out but no retry comes back immediately.
 */
export function backoffDelay(
  retryIndex: number,
  policy: RetryPolicy,
  random: () => number,
): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  return Math.ceil(exponential / 2 + (random() * exponential) / 2);
}

/**
 * Parses `Retry-After`: delay-seconds (`"120"`) or an HTTP date (`"Wed, 21 Oct 2026 07:28:00 GMT"`).
 * Returns milliseconds from `nowMs`, never negative; `undefined` when absent or unparseable.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}
