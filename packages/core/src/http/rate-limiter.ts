import type { Clock } from './clock';

/** Client-side request budget, awaited before every attempt. */
export interface RateLimiter {
  acquire(signal?: AbortSignal): Promise<void>;
}

/** A limiter that never waits. */
export const unlimitedRateLimiter: RateLimiter = { acquire: () => Promise.resolve() };

/** Requests per second and the burst allowed on top; per-vendor defaults live in each provider. */
export interface RateLimit {
  readonly requestsPerSecond: number;
  readonly burst: number;
}

/**
 * A token bucket: `burst` requests at once, then `requestsPerSecond` sustained. Waiters are served
 * in arrival order.
 */
export class TokenBucketRateLimiter implements RateLimiter {
  private tokens: number;
  private updatedAt: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly limit: RateLimit,
    private readonly clock: Clock,
  ) {
    if (!(limit.requestsPerSecond > 0) || !(limit.burst >= 1)) {
      throw new RangeError('a rate limit needs requestsPerSecond > 0 and burst >= 1');
    }
    this.tokens = limit.burst;
    this.updatedAt = clock.now();
  }

  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.take(signal));
    // A waiter that was aborted must not block the ones behind it.
    this.queue = turn.catch(() => undefined);
    if (!signal) return turn;
    // A caller waiting behind others gives up when its own signal aborts, not when its turn comes.
    return new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason as Error);
        return;
      }
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

  private async take(signal?: AbortSignal): Promise<void> {
    // A waiter that gave up while queued takes no token.
    if (signal?.aborted) throw signal.reason as Error;
    for (;;) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      const waitMs = Math.ceil(((1 - this.tokens) / this.limit.requestsPerSecond) * 1000);
      await this.clock.sleep(waitMs, signal);
    }
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(
      this.limit.burst,
      this.tokens + elapsedSeconds * this.limit.requestsPerSecond,
    );
    this.updatedAt = now;
  }
}
