import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  berlinDateAt,
  berlinOffsetMinutes,
  berlinWallTimeToIso,
  berlinChangeTimestamp,
  berlinDueDate,
  berlinTimestamp,
  berlinWallTime,
  toVendorDueDate,
} from './vendor-values';

/** The time-zone data, asked directly: the oracle every Berlin reading here must equal. */
const wallClock = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Berlin',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

describe('vendor value readers', () => {
  it('reads local timestamps as Berlin time, summer and winter, and the zero date as none', () => {
    expect(berlinTimestamp.parse('2015-10-22 14:05:00')).toBe('2015-10-22T12:05:00Z');
    expect(berlinTimestamp.parse('2015-11-04 23:00:00')).toBe('2015-11-04T22:00:00Z');
    // The night the clocks go forward: 01:30 is still winter time, 03:30 summer time.
    expect(berlinTimestamp.parse('2026-03-29 01:30:00')).toBe('2026-03-29T00:30:00Z');
    expect(berlinTimestamp.parse('2026-03-29 03:30:00')).toBe('2026-03-29T01:30:00Z');
    expect(berlinTimestamp.parse('0000-00-00 00:00:00')).toBeNull();
    expect(berlinTimestamp.parse('2026-01-01T10:00:00+01:00')).toBe('2026-01-01T10:00:00+01:00');
    expect(berlinTimestamp.safeParse('yesterday').success).toBe(false);
  });

  it('reads a stamped DUE_DATE as the Berlin date it starts, and writes it back the same way', () => {
    expect(berlinDueDate.parse('2015-11-04 23:00:00')).toBe('2015-11-05');
    expect(berlinDueDate.parse('2026-07-14 22:00:00')).toBe('2026-07-15');
    expect(berlinDueDate.parse('2026-07-15')).toBe('2026-07-15');
    expect(berlinDueDate.parse('0000-00-00 00:00:00')).toBeNull();
    expect(toVendorDueDate('2015-11-05')).toBe('2015-11-04 23:00:00');
    expect(toVendorDueDate('2026-07-15')).toBe('2026-07-14 22:00:00');
  });

  it('reads a LASTUPDATE in the autumn fold as the later instant, so a change never looks older', () => {
    // 2026-10-25: 02:30 Berlin is shown at 00:30Z (summer time) and again at 01:30Z (winter time).
    const first = new Date('2026-10-25T00:30:00Z');
    const second = new Date('2026-10-25T01:30:00Z');
    expect(berlinWallTime(first)).toBe('2026-10-25 02:30:00');
    expect(berlinWallTime(second)).toBe('2026-10-25 02:30:00');
    expect(berlinChangeTimestamp.parse('2026-10-25 02:30:00')).toBe('2026-10-25T01:30:00Z');
    // CREATED is read as a wall clock usually is: the first pass.
    expect(berlinTimestamp.parse('2026-10-25 02:30:00')).toBe('2026-10-25T00:30:00Z');
    // Either side of the fold there is one instant, and both readers agree on it.
    for (const wall of ['2026-10-25 01:59:59', '2026-10-25 03:00:00', '2026-03-29 02:30:00']) {
      expect(berlinChangeTimestamp.parse(wall)).toBe(berlinTimestamp.parse(wall));
    }
    expect(berlinChangeTimestamp.parse('2026-10-25 01:59:59')).toBe('2026-10-24T23:59:59Z');
    expect(berlinChangeTimestamp.parse('2026-10-25 03:00:00')).toBe('2026-10-25T02:00:00Z');
    // The spring gap (02:00–03:00 never shown) is read with the winter offset: 03:30 summer time.
    expect(berlinChangeTimestamp.parse('2026-03-29 02:30:00')).toBe('2026-03-29T01:30:00Z');
  });
});

describe('berlinWallTimeToIso outside the transition months', () => {
  // The full check, written out: the candidate instants whose Berlin wall time is the one given.
  const oracle = (date: string, time: string, fold: 'earlier' | 'later'): string => {
    const wall = Date.parse(`${date}T${time}Z`);
    const [summer, winter] = [wall - 7_200_000, wall - 3_600_000];
    const fits = (instant: number) => wallClock.format(instant) === `${date} ${time}`;
    const instant =
      fits(summer) && fits(winter)
        ? fold === 'earlier'
          ? summer
          : winter
        : fits(summer)
          ? summer
          : winter;
    return new Date(instant).toISOString().replace('.000Z', 'Z');
  };

  it('reads every wall time as the full check does (one offset instead of two)', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1975-01-01T00:00:00Z'),
          max: new Date('2045-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom<'earlier' | 'later'>('earlier', 'later'),
        (at, fold) => {
          const [date, clock] = at.toISOString().slice(0, 19).split('T') as [string, string];
          expect(berlinWallTimeToIso(date, clock, fold)).toBe(oracle(date, clock, fold));
        },
      ),
      { numRuns: 3000 },
    );
    for (const [date, clock] of [
      ['2026-03-29', '02:30:00'],
      ['2026-10-25', '02:30:00'],
      ['1990-09-30', '02:30:00'],
      ['1947-05-11', '03:30:00'],
    ] as const)
      for (const fold of ['earlier', 'later'] as const)
        expect(berlinWallTimeToIso(date, clock, fold)).toBe(oracle(date, clock, fold));
  });
});

describe('the Berlin offset and date by the EU rule', () => {
  const dataOffset = (instant: number): number =>
    (Date.parse(`${wallClock.format(instant).replace(' ', 'T')}Z`) -
      Math.floor(instant / 1000) * 1000) /
    60_000;
  const dataDate = (instant: number): string => wallClock.format(instant).slice(0, 10);

  it('equals the time-zone data at any instant from 1975 to 2045', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1975, 0, 1), max: Date.UTC(2045, 11, 31) }),
        (instant) => {
          expect(berlinOffsetMinutes(instant)).toBe(dataOffset(instant));
          expect(berlinDateAt(instant)).toBe(dataDate(instant));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('changes exactly at 01:00 UTC on the last Sundays of March and October, every year', () => {
    for (let year = 1996; year <= 2037; year += 1) {
      for (const month of [2, 9]) {
        const lastDay = Date.UTC(year, month + 1, 0);
        const change = lastDay - new Date(lastDay).getUTCDay() * 86_400_000 + 3_600_000;
        for (const instant of [change - 1, change, change + 1, change - 3_600_000]) {
          expect(berlinOffsetMinutes(instant)).toBe(dataOffset(instant));
          expect(berlinDateAt(instant)).toBe(dataDate(instant));
        }
      }
      // New year's eve in Berlin starts an hour before UTC's.
      for (const instant of [Date.UTC(year, 0, 1) - 3_600_001, Date.UTC(year, 0, 1) - 3_600_000])
        expect(berlinDateAt(instant)).toBe(dataDate(instant));
    }
  });
});
