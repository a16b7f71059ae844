/**
 * The interval between two grants, in whole µs (rounded up, so never below the exact figure): a
 * minute plus the safety margin, divided into `requestsPerMinute` slots. bottleneck is given it
 * as `minTime`, in ms (`grantIntervalMicros(…) / 1000`).
 *
 * Why the margin: the shared budget spaces the *grants* at least one interval apart, but what the
 * vendor counts are *arrivals*, each some delay after its grant (the timer's lag in the caller,
 * the transport's own work, the request's trip out). Any R + 1 grants span at least R intervals;
 * their arrivals span at least R intervals minus the spread of those delays. With R intervals =
 * 60 s + margin, R + 1 arrivals fit in 60 s only if the delays vary by more than the margin — so
 * event-loop lag and jitter up to the margin can never squeeze R + 1 arrivals into a minute.
 */
export function grantIntervalMicros(requestsPerMinute: number, safetyMarginMs: number): number {
  return Math.ceil(((60_000 + safetyMarginMs) * 1000) / requestsPerMinute);
}

/**
 * {@link grantIntervalMicros} rounded up to whole ms: bottleneck's `minTime`. Its scripts pass
 * times derived from it to PEXPIRE, which takes integers only — and rounding up keeps R + 1
 * slots more than a minute plus the margin apart (120 a minute: 509 ms instead of 508.334).
 */
export function grantIntervalMs(requestsPerMinute: number, safetyMarginMs: number): number {
  return Math.ceil(grantIntervalMicros(requestsPerMinute, safetyMarginMs) / 1000);
}
