import { formatFixed, isDecimalString, toDecimal, type Decimal } from '@invoicekit/core';

/**
 * The wire formats of the emulated API: money as JSON numbers (the vendor documents floats),
 * timestamps as `YYYY-MM-DDTHH:MM:SSZ`, dates as `YYYY-MM-DD`. Conversions to numbers happen only
 * here, from decimal text, never by arithmetic.
 */

/** Money as a JSON number with the currency's two places (from the decimal's text). */
export function jsonMoney(value: Decimal): number {
  return Number(formatFixed(value, 2));
}

/** A quantity or rate as a JSON number, keeping every digit it was given. */
export function jsonDecimal(value: string): number {
  // The same number as the decimal's own text gives (one value, however spelt); anything that
  // is no decimal is refused as before.
  return isDecimalString(value) ? Number(value.trim()) : Number(toDecimal(value).toString());
}

/** `2026-03-01T09:00:00Z`: ISO 8601 in UTC without milliseconds. */
export function isoTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The calendar date `days` after a `YYYY-MM-DD` date. */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function isCalendarDate(year: string, month: string, day: string): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return (
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() + 1 === Number(month) &&
    date.getUTCDate() === Number(day)
  );
}

/**
 * A `YYYY-MM-DD` date from a date or an ISO date-time; `undefined` when the value is neither. A
 * date-time keeps the calendar date it was written with: the sender meant that day.
 */
export function readDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = DATE_TIME.exec(value.trim());
  if (!match) return undefined;
  const [, year = '', month = '', day = ''] = match;
  return isCalendarDate(year, month, day) ? `${year}-${month}-${day}` : undefined;
}

/**
 * An ISO timestamp (UTC, no milliseconds) from a date (midnight UTC) or an ISO date-time (a
 * missing zone means UTC); `undefined` when the value is neither.
 */
export function readTimestamp(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, year = '', month = '', day = '', hour, minute = '00', second = '00', zone] = match;
  if (!isCalendarDate(year, month, day)) return undefined;
  if (hour === undefined) return `${year}-${month}-${day}T00:00:00Z`;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${zone ?? 'Z'}`);
  return Number.isNaN(date.getTime()) ? undefined : isoTimestamp(date);
}

/**
 * A decimal from a JSON number (through its shortest round-trip text, which is what the sender
 * wrote for any amount with a handful of digits) or a decimal string; `undefined` otherwise.
 */
export function readDecimal(value: unknown): Decimal | undefined {
  const text =
    typeof value === 'number' && Number.isFinite(value)
      ? String(value)
      : typeof value === 'string'
        ? value.trim()
        : undefined;
  return text !== undefined && isDecimalString(text) ? toDecimal(text) : undefined;
}
