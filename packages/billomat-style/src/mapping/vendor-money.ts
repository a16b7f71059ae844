import { currencyExponent, isCurrencyCode, toDecimal } from '@invoicekit/core';

/** Decimal places of a currency; 2 for a code the ISO table does not know. */
export function placesOf(currency: string): number {
  return isCurrencyCode(currency) ? currencyExponent(currency) : 2;
}

/**
 * An exact decimal as integer units of 10^-scale: `"12.345"` → 12345n at scale 3. Money is read
 * into BigInt, never into a JS number; a mapping that only rounds, adds, subtracts and compares
 * needs no Decimal.
 */
export interface ExactDecimal {
  readonly units: bigint;
  readonly scale: number;
}

const DECIMAL = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))$/;

/** A plain decimal string (what `toDecimal` accepts) exactly; throws `toDecimal`'s error otherwise. */
export function exactOf(value: string): ExactDecimal {
  const scanned = scanPlainDecimal(value);
  if (scanned) return scanned;
  const text = value.trim();
  const match = DECIMAL.exec(text);
  if (!match) {
    toDecimal(text);
    throw new RangeError(`not a decimal number (${text.length} characters)`);
  }
  const fraction = match[3] ?? match[4] ?? '';
  const magnitude = BigInt(`${match[2] ?? '0'}${fraction}`);
  return { units: match[1] === '-' ? -magnitude : magnitude, scale: fraction.length };
}

/**
 * The common case by a scan of character codes instead of a regular expression: an untrimmed
 * `[-]digits[.digits]`. Anything else (`+`, spaces, `.5`, `5.`) goes the general way.
 */
function scanPlainDecimal(text: string): ExactDecimal | undefined {
  const length = text.length;
  let index = text.charCodeAt(0) === 0x2d /* - */ ? 1 : 0;
  const start = index;
  let point = -1;
  for (; index < length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x2e /* . */ && point === -1) point = index;
    else if (code < 0x30 || code > 0x39) return undefined;
  }
  if (point === start || point === length - 1 || length === start) return undefined;
  const digits =
    point === -1 ? text.slice(start) : text.slice(start, point) + text.slice(point + 1);
  const magnitude = BigInt(digits);
  return {
    units: start === 1 ? -magnitude : magnitude,
    scale: point === -1 ? 0 : length - point - 1,
  };
}

const TEN = 10n;
const pow10 = (exponent: number): bigint => TEN ** BigInt(exponent);

/** Units at `places`, rounded half-up (ties away from zero), as `formatFixed` rounds. */
export function unitsAt(value: ExactDecimal, places: number): bigint {
  if (value.scale <= places) return value.units * pow10(places - value.scale);
  const divisor = pow10(value.scale - places);
  const negative = value.units < 0n;
  const magnitude = negative ? -value.units : value.units;
  let quotient = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) quotient += 1n;
  return negative ? -quotient : quotient;
}

/** Units of 10^-places as text with exactly `places` fraction digits; never negative zero. */
export function textOfUnits(units: bigint, places: number): string {
  const negative = units < 0n;
  let digits = (negative ? -units : units).toString();
  if (places > 0) {
    digits = digits.padStart(places + 1, '0');
    digits = `${digits.slice(0, -places)}.${digits.slice(-places)}`;
  }
  return negative ? `-${digits}` : digits;
}

/** The sum of two exact decimals. */
export function plusExact(a: ExactDecimal, b: ExactDecimal): ExactDecimal {
  if (a.scale === b.scale) return { units: a.units + b.units, scale: a.scale };
  return a.scale > b.scale
    ? { units: a.units + b.units * pow10(a.scale - b.scale), scale: a.scale }
    : { units: a.units * pow10(b.scale - a.scale) + b.units, scale: b.scale };
}

/** The product of two exact decimals. */
export function timesExact(a: ExactDecimal, b: ExactDecimal): ExactDecimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** A decimal's units at `places`, rounded half-up: `money` before it is printed. */
export function moneyUnits(value: string | null | undefined, places: number): bigint {
  return unitsAt(exactOf(value ?? '0'), places);
}

/**
 * The vendor keeps full precision (`9.656557379`); canonical amounts are rounded half-up to the
 * currency. Net and gross are each rounded from the vendor's values and the tax is their
 * difference, so the gross total — what the customer pays — is always the vendor's, to the cent.
 */
export function money(value: string | null | undefined, currency: string): string {
  const places = placesOf(currency);
  return textOfUnits(moneyUnits(value, places), places);
}

/**
 * A decimal with as few fraction digits as it needs (`formatMinimal`): `"19.00"` → `"19"`,
 * `"7.50"` → `"7.5"`, by its digits.
 */
export function minimalText(value: string): string {
  const exact = exactOf(value);
  let { units, scale } = exact;
  while (scale > 0 && units % TEN === 0n) {
    units /= TEN;
    scale -= 1;
  }
  return textOfUnits(units, scale);
}

/** True when a decimal string is zero (`"0"`, `"0.00"`, `"-0.0"`). */
export function isZeroText(value: string): boolean {
  return exactOf(value).units === 0n;
}
