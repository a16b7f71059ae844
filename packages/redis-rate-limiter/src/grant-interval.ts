/**
 * The interval between two grants, in whole ms — bottleneck's `minTime`: a minute plus the safety
 * margin, divided into `requestsPerMinute` slots, rounded up. Up, because bottleneck's scripts
 * pass times derived from it to PEXPIRE, which takes integers only, and because the rounding must
 * keep R + 1 slots more than a minute plus the margin apart (120 a minute: 509 ms, not 508.334).
 *
 * Why the margin: the shared budget spaces the *grants* at least one interval apart, but what the
 * vendor counts are *arrivals*, each some delay after its grant (the timer's lag in the caller,
 * the transport's own work, the request's trip out). Any R + 1 grants span at least R intervals;
 * their arrivals span at least R intervals minus the spread of those delays. With R intervals ≥
 * 60 s + margin, R + 1 arrivals fit in 60 s only if the delays vary by more than the margin — so
 * event-loop lag and jitter up to the margin can never squeeze R + 1 arrivals into a minute.
 */
export function grantIntervalMs(requestsPerMinute: number, safetyMarginMs: number): number {
  return Math.ceil((60_000 + safetyMarginMs) / requestsPerMinute);
}
