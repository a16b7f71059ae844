import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../testing/fake-clock';
import { TokenBucketRateLimiter } from './rate-limiter';
import { backoffDelay, parseRetryAfter, DEFAULT_RETRY_POLICY } from './retry-policy';

describe('TokenBucketRateLimiter', () => {
  it('lets a burst through, then paces at the sustained rate', async () => {
    const clock = createFakeClock();
    const limiter = new TokenBucketRateLimiter({ requestsPerSecond: 2, burst: 3 }, clock);
    for (let i = 0; i < 5; i += 1) await limiter.acquire();
    // 3 immediately, then one every 500 ms
    expect(clock.sleeps).toEqual([500, 500]);
  });

  it('refills with time', async () => {
    const clock = createFakeClock();
    const limiter = new TokenBucketRateLimiter({ requestsPerSecond: 1, burst: 1 }, clock);
    await limiter.acquire();
    clock.advance(1000);
    await limiter.acquire();
    expect(clock.sleeps).toEqual([]);
  });

  it('serves concurrent waiters in order', async () => {
    const clock = createFakeClock();
    const limiter = new TokenBucketRateLimiter({ requestsPerSecond: 10, burst: 1 }, clock);
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => limiter.acquire().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
    expect(clock.sleeps).toEqual([100, 100]);
  });

  it('rejects nonsense limits', () => {
    expect(
      () => new TokenBucketRateLimiter({ requestsPerSecond: 0, burst: 1 }, createFakeClock()),
    ).toThrow(RangeError);
  });
});

describe('retry timing', () => {
  it('parses Retry-After as seconds or an HTTP date, never negative', () => {
    const now = Date.UTC(2026, 10, 21, 12, 0, 0);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter('Sat, 21 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sat, 21 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('backs off exponentially up to the cap, with half the delay jittered', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 0))).toEqual([
      50, 100, 200, 400, 500, 500,
    ]);
    expect([0, 1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 0.999999))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });
});
