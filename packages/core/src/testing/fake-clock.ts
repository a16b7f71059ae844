import type { Clock } from '../http/clock';

/** A clock whose sleeps return at once and are recorded, for testing retries and rate limits. */
export interface FakeClock extends Clock {
  /** Every `sleep` duration requested, in order. */
  readonly sleeps: readonly number[];
  /** Moves time forward. */
  advance(ms: number): void;
}

/** A {@link FakeClock} starting at `startMs` (2026-01-01 UTC by default). */
export function createFakeClock(startMs = Date.UTC(2026, 0, 1)): FakeClock {
  let now = startMs;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
    sleep: (ms, signal) => {
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}
