import { lenientTimestamp } from '@invoicekit/core';
import { z } from 'zod';
import { kindOf } from './kind-of';

// Formatters are immutable and costly to build (the time-zone data is loaded each time): built once.
const BERLIN_WALL_CLOCK = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Berlin',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const BERLIN_CALENDAR = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const WALL_CLOCK_TEXT = /^(\d{2})\/(\d{2})\/(\d{4}), (\d{2}):(\d{2}):(\d{2})$/;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** The years {@link euRuleOffsetMinutes} answers for (see there); others ask the time-zone data. */
const EU_RULE_FROM = Date.UTC(1996, 0, 1);
const EU_RULE_UNTIL = Date.UTC(2038, 0, 1);

/** 01:00 UTC on the last Sunday of a month: when EU clocks change. */
function lastSundayOneAm(year: number, month: number): number {
  const lastDay = Date.UTC(year, month + 1, 0);
  return lastDay - new Date(lastDay).getUTCDay() * DAY_MS + HOUR_MS;
}

/**
 * The Berlin offset by the EU's rule — summer time from 01:00 UTC on the last Sunday of March to
 * 01:00 UTC on the last Sunday of October — which the time-zone data follows for Berlin from
 * 1996 on; asking `Intl` costs a formatted date per instant. `undefined` outside 1996–2037,
 * where the data is asked (its tests compare the two over the whole range, so a change in the
 * data shows).
 */
function euRuleOffsetMinutes(instant: number): number | undefined {
  if (!(instant >= EU_RULE_FROM && instant < EU_RULE_UNTIL)) return undefined;
  const year = new Date(instant).getUTCFullYear();
  return instant >= lastSundayOneAm(year, 2) && instant < lastSundayOneAm(year, 9) ? 120 : 60;
}

/** The Europe/Berlin UTC offset, in minutes, at an instant. */
export function berlinOffsetMinutes(instant: number): number {
  const byRule = euRuleOffsetMinutes(instant);
  if (byRule !== undefined) return byRule;
  // The text shows whole seconds: the offset is measured from the instant's whole second.
  const second = Math.floor(instant / 1000) * 1000;
  // `format` is cheaper than `formatToParts`: its en-US text is read by position when it has the
  // expected shape ("11/02/2026, 10:00:00"), the parts otherwise.
  const text = BERLIN_WALL_CLOCK.format(instant);
  const shaped = WALL_CLOCK_TEXT.exec(text);
  if (shaped) {
    const wall = Date.UTC(
      Number(shaped[3]),
      Number(shaped[1]) - 1,
      Number(shaped[2]),
      Number(shaped[4]),
      Number(shaped[5]),
      Number(shaped[6]),
    );
    return (wall - second) / 60_000;
  }
  const parts = Object.fromEntries(
    BERLIN_WALL_CLOCK.formatToParts(new Date(instant)).map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return (wall - second) / 60_000;
}

/**
 * True for a date from 1980 on outside March, September and October: German clocks have changed
 * only in those months since 1980 (summer time from the last Sunday of March, to the last Sunday
 * of September until 1995, of October since), so no fold or gap is near. Earlier years had other
 * transition months (1945–1949): those take the full check.
 */
function outsideTransitionMonths(date: string): boolean {
  const month = date.slice(5, 7);
  return date >= '1980' && month !== '03' && month !== '09' && month !== '10';
}

/**
 * Which instant a Berlin wall time in the autumn fold (02:00–03:00 on the last Sunday of October,
 * shown twice) is read as: the first pass (summer time) or the second (winter time).
 */
export type BerlinFold = 'earlier' | 'later';

/**
 * `"2026-03-29 02:30:00"` read as Berlin wall time → the UTC instant (ISO 8601). A wall time in the
 * autumn fold names two instants, resolved by `fold`; one in the spring gap (skipped by the clocks)
 * is read with the winter offset, i.e. an hour later on the summer clock (`03:30` summer time).
 */
export function berlinWallTimeToIso(date: string, time: string, fold: BerlinFold): string {
  const wall = Date.parse(`${date}T${time}Z`);
  // Berlin is UTC+1 or UTC+2: the wall time is one of these instants, those whose offset fits.
  const summer = wall - 120 * 60_000;
  const winter = wall - 60 * 60_000;
  const fits = (instant: number) => berlinOffsetMinutes(instant) * 60_000 === wall - instant;
  let instant: number;
  if (outsideTransitionMonths(date)) {
    // No clock change within the hour between the two candidates: one offset decides.
    instant = fits(winter) ? winter : summer;
  } else if (fits(summer) && fits(winter)) instant = fold === 'earlier' ? summer : winter;
  else instant = fits(summer) ? summer : winter;
  return new Date(instant).toISOString().replace('.000Z', 'Z');
}

/** A `"YYYY-MM-DD hh:mm:ss"` Berlin wall time (or an ISO timestamp with offset) → ISO 8601. */
function berlinTimestampReading(fold: BerlinFold) {
  return z.unknown().transform((value, ctx): string | null => {
    if (typeof value === 'string') {
      const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(value.trim());
      if (local?.[1] && local[2] && !local[1].startsWith('0000'))
        return berlinWallTimeToIso(local[1], local[2], fold);
    }
    const parsed = lenientTimestamp.safeParse(value);
    if (parsed.success) return parsed.data;
    // The value is not quoted: a vendor may echo the credential into the very field that is wrong.
    ctx.addIssue({ code: 'custom', message: `not a timestamp: ${kindOf(value)}` });
    return z.NEVER;
  });
}

/**
 * The vendor's `CREATED` (and other event times): `"YYYY-MM-DD hh:mm:ss"` in the account's
 * (German) local time, read as Europe/Berlin; ISO timestamps with an offset pass unchanged. In the
 * autumn fold the first pass is taken, as a wall clock is usually read.
 */
export const berlinTimestamp = berlinTimestampReading('earlier');

/**
 * The vendor's `LASTUPDATE`, read like {@link berlinTimestamp} except in the autumn fold: there the
 * later instant is taken, so a change never looks older than it is. Read as the earlier one, a
 * change made in the second pass would look an hour old and a listing of changes since then would
 * drop it; read as the later one, a change of the first pass merely looks newer and is listed again.
 */
export const berlinChangeTimestamp = berlinTimestampReading('later');

/** The calendar date in Berlin at a UTC instant. */
export function berlinDateAt(instant: number): string {
  const byRule = euRuleOffsetMinutes(instant);
  if (byRule !== undefined) return new Date(instant + byRule * 60_000).toISOString().slice(0, 10);
  return BERLIN_CALENDAR.format(new Date(instant));
}

/**
 * `DUE_DATE` with a time is a Berlin midnight written in UTC: the Monsum capture's invoice of
 * 2015-10-22 with 14 days to pay is due `"2015-11-04 23:00:00"`, i.e. 2015-11-05 in Germany.
 * A bare date is taken as it is.
 */
export const berlinDueDate = z.unknown().transform((value, ctx): string | null => {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('0000-00-00')) return null;
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
    const stamped = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(text);
    if (stamped) return berlinDateAt(Date.parse(`${stamped[1]}T${stamped[2]}Z`));
  }
  ctx.addIssue({ code: 'custom', message: `not a due date: ${kindOf(value)}` });
  return z.NEVER;
});

/** How the vendor writes a due date: the Berlin midnight starting it, in UTC. */
export function toVendorDueDate(isoDate: string): string {
  return berlinWallTimeToIso(isoDate, '00:00:00', 'earlier').slice(0, 19).replace('T', ' ');
}

/** `"YYYY-MM-DD hh:mm:ss"` on a German wall clock at an instant. */
export function berlinWallTime(at: Date): string {
  const parts = Object.fromEntries(
    BERLIN_WALL_CLOCK.formatToParts(at).map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}
