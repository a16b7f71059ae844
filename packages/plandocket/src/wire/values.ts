import {
  describeWireValue,
  formatFixed,
  integerIdText,
  isEmptyWireValue,
  lenientDate,
  lenientTimestamp,
  toDecimal,
} from '@invoicekit/core';
import { z } from 'zod';

const NUMBER_LITERAL = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
/** The limits of core's JSON guards, for literals that reach a reader some other way. */
const MAX_LITERAL_LENGTH = 400;
const MAX_EXPONENT = 400;

/**
 * Why a number literal is too absurd to expand (`1e400000000` would be 400 MB of zeros), or
 * `undefined` when it is fine. Checked on the text, before anything is written out.
 */
export function absurdLiteral(literal: string): string | undefined {
  if (literal.length > MAX_LITERAL_LENGTH)
    return `a number literal longer than ${MAX_LITERAL_LENGTH} characters`;
  const exponent = /[eE][+-]?0*(\d*)$/.exec(literal)?.[1];
  if (exponent !== undefined && (exponent.length > 3 || Number(exponent) > MAX_EXPONENT))
    return `a number exponent beyond ±${MAX_EXPONENT}`;
  return undefined;
}
const EPOCH_SECONDS = /^\d{9,11}$/;

/**
 * `1e21` → `1000000000000000000000`, `4.25E-3` → `0.00425`: the decimal point moved in text.
 * Throws a `RangeError` for a literal {@link absurdLiteral} refuses, before expanding it.
 */
export function expandExponent(literal: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?[eE]([+-]?\d+)$/.exec(literal);
  if (!match) return literal;
  const absurd = absurdLiteral(literal);
  if (absurd) throw new RangeError(absurd);
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  const digits = `${whole}${fraction}`;
  const point = whole.length + Number.parseInt(exponent, 10);
  const expanded =
    point <= 0
      ? `0.${'0'.repeat(-point)}${digits}`
      : point >= digits.length
        ? `${digits}${'0'.repeat(point - digits.length)}`
        : `${digits.slice(0, point)}.${digits.slice(point)}`;
  const trimmed = expanded.replace(/^0+(?=\d)/, '');
  return `${sign}${trimmed}`;
}

/**
 * A decimal from the vendor's JSON number, as exact text: the lossless codec hands over the
 * literal (`"0.30000000000000004"`, `"1e21"`), a plain JSON parse a number (read through its
 * shortest round-trip text). Never arithmetic on a float; exponents are written out in full.
 */
export const exactDecimal = z.unknown().transform((value, ctx): string | null => {
  if (isEmptyWireValue(value)) return null;
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text === 'string' && NUMBER_LITERAL.test(text.trim())) {
    const absurd = absurdLiteral(text.trim());
    if (absurd) {
      ctx.addIssue({ code: 'custom', message: absurd });
      return z.NEVER;
    }
    const decimal = toDecimal(expandExponent(text.trim()));
    return formatFixed(decimal, decimal.decimalPlaces());
  }
  ctx.addIssue({ code: 'custom', message: `not a number: ${describeWireValue(value)}` });
  return z.NEVER;
});

/**
 * A record id. The vendor's ids are integers (as numbers or text); anything else could not be
 * asked for again, and would end up in a URL path, so it makes the record unreadable.
 */
export const wireId = z.unknown().transform((value, ctx): string | null => {
  if (isEmptyWireValue(value)) return null;
  const text = integerIdText(value);
  if (text !== undefined) return text;
  ctx.addIssue({ code: 'custom', message: `not an integer id: ${describeWireValue(value)}` });
  return z.NEVER;
});

/** A whole number (counts) from a number or its text. */
export const wholeNumber = z.unknown().transform((value, ctx): number | null => {
  if (isEmptyWireValue(value)) return null;
  const text = String(value).trim();
  if (/^-?\d+$/.test(text)) return Number.parseInt(text, 10);
  ctx.addIssue({ code: 'custom', message: `not a whole number: ${describeWireValue(value)}` });
  return z.NEVER;
});

/** A timestamp: ISO text (the schema) or epoch seconds (the example), as number or text. */
export const wireTimestamp = z.unknown().transform((value, ctx): string | null => {
  if (typeof value === 'string' && EPOCH_SECONDS.test(value.trim()))
    return new Date(Number.parseInt(value, 10) * 1000).toISOString().replace('.000Z', 'Z');
  const parsed = lenientTimestamp.safeParse(value);
  if (parsed.success) return parsed.data;
  ctx.addIssue({ code: 'custom', message: `not a timestamp: ${describeWireValue(value)}` });
  return z.NEVER;
});

/** A calendar date from a date, a date-time or epoch seconds (number or text). */
export const wireDate = z.unknown().transform((value, ctx): string | null => {
  if (typeof value === 'string' && EPOCH_SECONDS.test(value.trim()))
    return new Date(Number.parseInt(value, 10) * 1000).toISOString().slice(0, 10);
  const parsed = lenientDate.safeParse(value);
  if (parsed.success) return parsed.data;
  ctx.addIssue({ code: 'custom', message: `not a date: ${describeWireValue(value)}` });
  return z.NEVER;
});

/**
 * A day or a moment: the payments API documents `payment_date` as "ISO" (a date is what it is
 * given, docs/vendors/plandocket.md §4), so a bare date stays a date and anything else is read as a
 * timestamp.
 */
export const wireDayOrTimestamp = z.unknown().transform((value, ctx): string | null => {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())) {
    const day = lenientDate.safeParse(value.trim());
    if (day.success) return day.data;
  }
  const parsed = wireTimestamp.safeParse(value);
  if (parsed.success) return parsed.data;
  ctx.addIssue({ code: 'custom', message: `not a date or timestamp: ${describeWireValue(value)}` });
  return z.NEVER;
});
