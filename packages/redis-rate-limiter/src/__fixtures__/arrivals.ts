/** Arrival times (ms) as an emulator saw them, and what a vendor's window would count of them. */

/** The most arrivals in any window of `windowMs` (half-open: [t, t + windowMs)), and where. */
export function busiestWindow(
  arrivals: readonly number[],
  windowMs: number,
): { count: number; startsAt: number } {
  const sorted = [...arrivals].sort((a, b) => a - b);
  let busiest = { count: 0, startsAt: sorted[0] ?? 0 };
  let end = 0;
  // The busiest window can always be taken to start at an arrival.
  sorted.forEach((startsAt, start) => {
    while (end < sorted.length && (sorted[end] ?? Infinity) < startsAt + windowMs) end += 1;
    if (end - start > busiest.count) busiest = { count: end - start, startsAt };
  });
  return busiest;
}

/** How many arrivals fall in [from, from + windowMs). */
export function arrivalsWithin(arrivals: readonly number[], from: number, windowMs: number): number {
  return arrivals.filter((at) => at >= from && at < from + windowMs).length;
}
