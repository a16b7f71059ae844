import { describe, expect, it } from 'vitest';
import { grantIntervalMs } from './grant-interval';

describe("grantIntervalMs: bottleneck's minTime, a minute plus the margin in R slots", () => {
  it('rounds the interval up to whole ms: 509 ms for 120 a minute', () => {
    expect(grantIntervalMs(120, 1000)).toBe(509);
    expect(grantIntervalMs(60, 0)).toBe(1000);
    for (const perMinute of [1, 7, 120, 599, 6000, 600_000])
      expect(grantIntervalMs(perMinute, 1000) * perMinute).toBeGreaterThanOrEqual(61_000);
  });

  it('rounds up by less than a ms, so that R + 1 grants never fit in the minute plus the margin', () => {
    for (const perMinute of [1, 7, 120, 599, 6000, 600_000]) {
      for (const margin of [0, 1000, 2500]) {
        const interval = grantIntervalMs(perMinute, margin);
        expect(interval * perMinute).toBeGreaterThanOrEqual(60_000 + margin);
        expect((interval - 1) * perMinute).toBeLessThan(60_000 + margin);
      }
    }
  });
});
