import { describe, expect, it } from 'vitest';
import { grantIntervalMicros, grantIntervalMs } from './grant-interval';

describe('grantIntervalMicros: a minute plus the margin, in R slots', () => {
  it('spaces 120 a minute by 508.334 ms with the default 1 s margin', () => {
    expect(grantIntervalMicros(120, 1000)).toBe(508_334);
  });

  it('rounds up, so that R + 1 grants never fit in the minute plus the margin', () => {
    for (const perMinute of [1, 7, 120, 599, 6000, 600_000]) {
      for (const margin of [0, 1000, 2500]) {
        const interval = grantIntervalMicros(perMinute, margin);
        expect(interval * perMinute).toBeGreaterThanOrEqual((60_000 + margin) * 1000);
        expect((interval - 1) * perMinute).toBeLessThan((60_000 + margin) * 1000);
      }
    }
  });
});

describe("grantIntervalMs: bottleneck's minTime", () => {
  it('rounds the interval up to whole ms: 509 ms for 120 a minute', () => {
    expect(grantIntervalMs(120, 1000)).toBe(509);
    expect(grantIntervalMs(60, 0)).toBe(1000);
    for (const perMinute of [1, 7, 120, 599, 6000, 600_000])
      expect(grantIntervalMs(perMinute, 1000) * perMinute).toBeGreaterThanOrEqual(61_000);
  });
});
