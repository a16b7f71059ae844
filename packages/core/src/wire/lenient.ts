import { z } from 'zod';
import { decimalTextOfNumber, normalizeDecimalString } from '../money/decimal';

/**
 * Lenient readers for vendor payloads: vendors drift, mix types inside one object and spell
 * "empty" in many ways. Each reader accepts every spelling seen in the wild and yields one strict
 * canonical form. Money never passes through arithmetic here: numbers become their shortest
 * round-trip text (`8.1147541` → `"8.1147541"`).
 */

/**
 * How a reader's message names a value it cannot read: its type and size, never its text — a
 * vendor may have echoed a credential into the very field that is unreadable.
 */
export function describeWireValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  if (typeof value === 'number') return Number.isFinite(value) ? 'a number' : 'a non-finite number';
  if (typeof value === 'object') return 'an object';
  return typeof value === 'undefined' ? 'nothing' : `a ${typeof value}`;
}

/** Epoch seconds a `Date` can hold (±8.64e12 s); anything else is no date. */
function isEpochSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= 8.64e12;
}

/** Values vendors use for "nothing": `null`, `""`, `[]` (XML round-trips), `{}`. */
export function isEmptyWireValue(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value).length === 0;
}

const DECIMAL_WITH_COMMA = /^\s*[+-]?\d+(?:\.\d{3})*,\d+\s*$/;
const PLAIN_DECIMAL = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/;

/**
 * A decimal from a string (`"81.3"`, `"59,00"`, `"1.234,50"`) or a JSON number; `null` for every
 * empty spelling. Anything else fails the parse.
 */
export const lenientDecimal = z.unknown().transform((value, ctx): string | null => {
  if (isEmptyWireValue(value)) return null;
  // Decimal gives a float's shortest round-trip digits without exponent notation (1e21 too).
  if (typeof value === 'number' && Number.isFinite(value))
    return normalizeDecimalString(decimalTextOfNumber(value));
  if (typeof value === 'string') {
    if (PLAIN_DECIMAL.test(value)) return normalizeDecimalString(value);
    if (DECIMAL_WITH_COMMA.test(value))
      return normalizeDecimalString(value.replace(/\./g, '').replace(',', '.'));
  }
  ctx.addIssue({ code: 'custom', message: `not a decimal: ${describeWireValue(value)}` });
  return z.NEVER;
});

/**
 * The digits of an integer id, from a safe-integer number or a trimmed string of 1–20 digits;
 * `undefined` for anything else. For vendors whose ids are integers: an id that is not one
 * could not be asked for again and must never reach a URL path or a later request.
 */
export function integerIdText(value: unknown): string | undefined {
  const text =
    typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
      ? String(value)
      : typeof value === 'string'
        ? value.trim()
        : undefined;
  return text !== undefined && /^\d{1,20}$/.test(text) ? text : undefined;
}

/** An identifier from a number or a string; `null` when empty. */
export const lenientId = z.unknown().transform((value, ctx): string | null => {
  if (isEmptyWireValue(value)) return null;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value === 'string') return value.trim();
  ctx.addIssue({ code: 'custom', message: `not an id: ${describeWireValue(value)}` });
  return z.NEVER;
});

/** A boolean from `true`/`false`, `1`/`0`, `"1"`/`"0"`, `"true"`/`"false"`, `"yes"`/`"no"`. */
export const lenientBoolean = z.unknown().transform((value, ctx): boolean | null => {
  if (isEmptyWireValue(value)) return null;
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (['1', 'true', 'yes', 't'].includes(text)) return true;
  if (['0', 'false', 'no', 'f'].includes(text)) return false;
  ctx.addIssue({ code: 'custom', message: `not a boolean: ${describeWireValue(value)}` });
  return z.NEVER;
});

/** A string; numbers become text; every empty spelling becomes `null`. */
export const lenientString = z.unknown().transform((value): string | null => {
  if (isEmptyWireValue(value)) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
});

/**
 * A calendar date `YYYY-MM-DD` from a date, a date-time (`"2015-11-04 23:00:00"`, ISO) or epoch
 * seconds; `null` for empty values and the MySQL zero date `0000-00-00`.
 */
export const lenientDate = z.unknown().transform((value, ctx): string | null => {
  if (isEmptyWireValue(value)) return null;
  if (isEpochSeconds(value)) return new Date(value * 1000).toISOString().slice(0, 10);
  if (typeof value === 'string') {
    if (value.startsWith('0000-00-00')) return null;
    const match = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
    if (match) return match[1] as string;
  }
  ctx.addIssue({ code: 'custom', message: `not a date: ${describeWireValue(value)}` });
  return z.NEVER;
});

/** A timestamp kept as ISO 8601 text: ISO strings pass, `"YYYY-MM-DD hh:mm:ss"` gets a `T` and `Z`. */
export const lenientTimestamp = z.unknown().transform((value, ctx): string | null => {
  if (isEmptyWireValue(value)) return null;
  if (isEpochSeconds(value)) return new Date(value * 1000).toISOString();
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('0000-00-00')) return null;
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text))
      return text;
    const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(text);
    if (local) return `${local[1]}T${local[2]}Z`;
  }
  ctx.addIssue({ code: 'custom', message: `not a timestamp: ${describeWireValue(value)}` });
  return z.NEVER;
});

/** An object keyed `"0"`, `"1"` …: how PHP encodes a list whose indexes are not 0..n-1. */
function isIndexKeyed(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => /^\d+$/.test(key));
}

/**
 * A list where vendors may send `null`, `""`, `{}`, a single object for "one" (XML echoes), or an
 * object keyed by index (PHP).
 */
export function lenientList<T extends z.ZodType>(item: T) {
  return z
    .unknown()
    .transform((value): unknown[] => {
      if (isEmptyWireValue(value)) return [];
      if (Array.isArray(value)) return value;
      return isIndexKeyed(value) ? Object.values(value) : [value];
    })
    .pipe(z.array(item));
}
