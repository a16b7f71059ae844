import { describe, expect, it } from 'vitest';
import { businessDayIn } from './business-day';

describe('businessDayIn', () => {
  // 2026-03-31T22:30Z is already April 1st in Warsaw and Berlin (UTC+2, summer time).
  const instant = Date.parse('2026-03-31T22:30:00Z');

  it('is the calendar day in the vendor time zone, not UTC', () => {
    expect(businessDayIn('Europe/Warsaw')(instant)).toBe('2026-04-01');
    expect(businessDayIn('Europe/Berlin')(instant)).toBe('2026-04-01');
    expect(businessDayIn('UTC')(instant)).toBe('2026-03-31');
  });

  it('follows the zone offset across the winter-time change', () => {
    // 2026-01-15T23:30Z: UTC+1 in winter, so the next day in Berlin.
    expect(businessDayIn('Europe/Berlin')(Date.parse('2026-01-15T23:30:00Z'))).toBe('2026-01-16');
    expect(businessDayIn('Europe/Berlin')(Date.parse('2026-01-15T22:30:00Z'))).toBe('2026-01-15');
  });

  it('refuses an unknown time zone when made, not on first use', () => {
    expect(() => businessDayIn('Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
