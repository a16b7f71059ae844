/** What the emulator needs to know of time: now, in the vendor's Warsaw business time. */
export interface EmulatorClock {
  now(): Date;
}

export const systemEmulatorClock: EmulatorClock = { now: () => new Date() };

/**
 * Built once (a formatter costs ~100 µs to build, more than the request): Warsaw is the only
 * zone the emulator speaks, so this is one immutable formatter, not a cache.
 */
const WARSAW = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Warsaw',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
});

function warsawParts(date: Date): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of WARSAW.formatToParts(date)) parts[part.type] = part.value;
  return parts;
}

/** `2018-01-03T12:05:09.017+01:00`: the vendor's timestamp format, milliseconds and Warsaw offset. */
export function vendorTimestamp(date: Date): string {
  return timestampOf(date, warsawParts(date));
}

/** The vendor's timestamp and date of one instant, from one formatting. */
export function vendorNow(date: Date): { timestamp: string; today: string } {
  const parts = warsawParts(date);
  return {
    timestamp: timestampOf(date, parts),
    today: `${parts.year}-${parts.month}-${parts.day}`,
  };
}

function timestampOf(date: Date, parts: Record<string, string>): string {
  const offset = (parts.timeZoneName ?? 'GMT+01:00').replace('GMT', '') || '+00:00';
  const millis = String(date.getUTCMilliseconds()).padStart(3, '0');
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}.${millis}${offset}`;
}

/** `YYYY-MM-DD` in Warsaw. */
export function vendorDate(date: Date): string {
  const parts = warsawParts(date);
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Adds days to a `YYYY-MM-DD` date. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Adds calendar months to a `YYYY-MM-DD` date (clamped to the month's end). */
export function addMonths(isoDate: string, months: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}
