import { businessDayIn, type Clock } from '@invoicekit/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cachedBusinessDay } from './adapter';
import { INVOICEOCEAN_TIME_ZONE } from './features';

describe('cachedBusinessDay', () => {
  it('is the business day of every instant the clock shows, in any order, across midnights and DST', () => {
    const businessDay = businessDayIn(INVOICEOCEAN_TIME_ZONE);
    // Around the 2026 DST switches and midnights in Warsaw, and anywhere else.
    const near = (iso: string) =>
      fc
        .integer({ min: -3 * 3_600_000, max: 3 * 3_600_000 })
        .map((delta) => Date.parse(iso) + delta);
    const instant = fc.oneof(
      near('2026-03-29T01:00:00Z'),
      near('2026-10-25T01:00:00Z'),
      near('2026-11-30T23:00:00Z'),
      fc.integer({ min: 0, max: 4_102_444_800_000 }),
    );
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 30 }), (instants) => {
        let now = 0;
        const clock: Clock = { now: () => now, sleep: () => Promise.resolve() };
        const today = cachedBusinessDay(businessDay, clock);
        for (const at of instants) {
          now = at;
          expect(today()).toBe(businessDay(at));
        }
      }),
      { numRuns: 300 },
    );
  });
});
