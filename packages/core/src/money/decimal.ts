import DecimalJs from 'decimal.js';
import { neededPlaces, roundDecimalText } from './fixed-point';

/**
 * The one decimal type used for every amount, rate and quantity in invoicekit.
 *
 * A private clone of decimal.js so that no other library's global configuration can change our
 * precision or rounding: 40 significant digits (far beyond any invoice amount) and half-up
 * rounding (ties away from zero), the commercial rule that EU tax law prescribes.
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  // `toString` never switches to exponent notation (decimal.js would from 1e21 / 1e-7 on):
  // money is written digit for digit, whatever its magnitude.
  toExpNeg: -9e15,
  toExpPos: 9e15,
});
/** A decimal.js number of the library's own clone (half-up rounding, never exponent notation). */
export type Decimal = InstanceType<typeof Decimal>;

/** Half-up, ties away from zero: `2.5 → 3`, `-2.5 → -3`. */
export const ROUND_HALF_UP = DecimalJs.ROUND_HALF_UP;

/** A value that can become a Decimal without passing through binary floating point arithmetic. */
export type DecimalInput = string | Decimal | bigint;

const DECIMAL_PATTERN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
/** Already normalised: optional minus (never on zero), no leading zeros, digits around a point. */
const CANONICAL_DECIMAL = /^(?!-0(\.0+)?$)-?(0|[1-9]\d*)(\.\d+)?$/;

/**
 * Parses a decimal string (`"58.32"`, `"-0.5"`, `"100"`) exactly. Throws `RangeError` for anything
 * else — including exponent notation, which no invoicing vendor uses for money.
 */
export function toDecimal(value: DecimalInput): Decimal {
  if (value instanceof Decimal) return value;
  if (typeof value === 'bigint') return new Decimal(value.toString());
  if (typeof value !== 'string') {
    // JavaScript callers: a number has already been through binary floating point.
    throw new RangeError(`money must be a decimal string, not a ${typeof value}`);
  }
  const trimmed = value.trim();
  if (!DECIMAL_PATTERN.test(trimmed)) {
    throw new RangeError(`not a decimal number (${trimmed.length} characters)`);
  }
  return new Decimal(trimmed);
}

/** True when `value` is a plain decimal string that `toDecimal` accepts. */
export function isDecimalString(value: string): boolean {
  return typeof value === 'string' && DECIMAL_PATTERN.test(value.trim());
}

/**
 * The one spelling of a decimal string the canonical model keeps: no sign for positives, a digit
 * before the point, no dangling point, no negative zero (`"+5"` → `"5"`, `".50"` → `"0.50"`,
 * `"5."` → `"5"`, `"-0.0"` → `"0.0"`). Trailing zeros are kept: `"12.50"` stays `"12.50"`.
 */
export function normalizeDecimalString(value: string): string {
  // Fast path: nearly every value is already in canonical form.
  if (CANONICAL_DECIMAL.test(value)) return value;
  const trimmed = value.trim();
  if (!DECIMAL_PATTERN.test(trimmed))
    throw new RangeError(`not a decimal number (${trimmed.length} characters)`);
  const negative = trimmed.startsWith('-');
  let digits = trimmed.replace(/^[+-]/, '');
  if (digits.startsWith('.')) digits = `0${digits}`;
  if (digits.endsWith('.')) digits = digits.slice(0, -1);
  digits = digits.replace(/^0+(?=\d)/, '');
  const isZero = /^[0.]+$/.test(digits);
  return negative && !isZero ? `-${digits}` : digits;
}

/**
 * Formats with exactly `places` fraction digits, rounding half-up. Never emits exponent notation
 * and never emits negative zero.
 */
export function formatFixed(value: DecimalInput, places: number): string {
  // A decimal string — nearly every call — is rounded on its digits, with no number built.
  if (typeof value === 'string') {
    const text = roundDecimalText(value, places);
    if (text !== undefined) return text;
  }
  const rounded = toDecimal(value).toDecimalPlaces(places, ROUND_HALF_UP);
  const isNegative = rounded.isNegative() && !rounded.isZero();
  const [whole = '0', fraction = ''] = rounded.abs().toString().split('.');
  const digits = places > 0 ? `${whole}.${fraction.padEnd(places, '0')}` : whole;
  return isNegative ? `-${digits}` : digits;
}

/**
 * Formats with as few fraction digits as the value needs but at least `minPlaces` — the form for
 * unit prices and quantities, which may carry more precision than the currency.
 */
export function formatMinimal(value: DecimalInput, minPlaces = 0): string {
  if (typeof value === 'string') {
    const needed = neededPlaces(value);
    if (needed !== undefined) return formatFixed(value, Math.max(needed, minPlaces));
  }
  const decimal = toDecimal(value);
  const places = Math.max(decimal.decimalPlaces(), minPlaces);
  return formatFixed(decimal, places);
}

/**
 * The decimal digits of a JS number as JavaScript prints it (its shortest round-trip form), but
 * never in exponent notation: `7.7` → `"7.7"`, `1e-7` → `"0.0000001"`, `1e21` →
 * `"1000000000000000000000"`. No arithmetic happens. For vendors that send money as JSON numbers.
 */
export function decimalTextOfNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError('not a finite number');
  // decimal.js reads a number through its shortest round-trip text; our clone prints no exponent.
  return new Decimal(value).toString();
}

/** Sum of decimals; `0` for an empty list. */
export function sumDecimals(values: Iterable<DecimalInput>): Decimal {
  let total = new Decimal(0);
  for (const value of values) total = total.plus(toDecimal(value));
  return total;
}

/**
 * A decimal string as decimal.js would print it — no sign on zero, no leading zeros, no trailing
 * fraction zeros (`"19.00"` → `"19"`, `"07.50"` → `"7.5"`, `"-0.0"` → `"0"`) — without building a
 * number. Throws `RangeError` like {@link toDecimal} for anything that is not a decimal string.
 */
export function plainDecimalText(value: string): string {
  const places = typeof value === 'string' ? neededPlaces(value) : undefined;
  if (places === undefined) return toDecimal(value).toString();
  // At its own places nothing is rounded: only the spelling changes (and a zero loses its sign).
  return roundDecimalText(value, places) as string;
}
