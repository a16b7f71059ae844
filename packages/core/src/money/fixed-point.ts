/**
 * Exact decimal arithmetic on scaled integers: a value is `units × 10^-scale` with `units` a
 * BigInt. Sums, differences and products are exact; the only rounding is the explicit half-up
 * (ties away from zero) of {@link roundFixed} and {@link divideRounded}. The hot paths (invoice
 * totals, formatting) run on this; decimal.js stays the general case, and property tests prove
 * both give the same figures wherever the fast path is taken.
 */

/** An exact decimal: `units × 10^-scale`. */
export interface Fixed {
  readonly units: bigint;
  readonly scale: number;
}

const POWERS: readonly bigint[] = Array.from(
  { length: 64 },
  (_, exponent) => 10n ** BigInt(exponent),
);

/** `10^exponent` as a BigInt. */
export function pow10(exponent: number): bigint {
  return POWERS[exponent] ?? 10n ** BigInt(exponent);
}

const PLAIN = /^\s*([+-]?)(\d*)(?:\.(\d*))?\s*$/;

/**
 * Parses a plain decimal string (as `isDecimalString` accepts it) exactly; `undefined` for
 * anything else.
 */
export function parseFixed(text: string): Fixed | undefined {
  const match = PLAIN.exec(text);
  if (!match) return undefined;
  const whole = match[2] ?? '';
  const fraction = match[3] ?? '';
  if (whole === '' && fraction === '') return undefined;
  const magnitude = BigInt(`${whole}${fraction}` || '0');
  return { units: match[1] === '-' ? -magnitude : magnitude, scale: fraction.length };
}

/** The digits a plain decimal string carries (sign, point and blanks not counted). */
export function digitCount(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57) count += 1;
  }
  return count;
}

/** The same value written with `scale` fraction digits (`scale` ≥ the value's own). */
export function rescale(value: Fixed, scale: number): bigint {
  return value.units * pow10(scale - value.scale);
}

/** `numerator / denominator` rounded half-up (ties away from zero); `denominator` > 0. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const remainder = numerator - quotient * denominator;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice < denominator) return quotient;
  return numerator < 0n ? quotient - 1n : quotient + 1n;
}

/** The value rounded half-up to `scale` fraction digits, as units of `10^-scale`. */
export function roundFixed(value: Fixed, scale: number): bigint {
  if (scale >= value.scale) return rescale(value, scale);
  return divideRounded(value.units, pow10(value.scale - scale));
}

/** Units of `10^-scale` written with exactly `scale` fraction digits; never negative zero. */
export function formatUnits(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString();
  if (scale === 0) return negative ? `-${digits}` : digits;
  const padded = digits.padStart(scale + 1, '0');
  const text = `${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** `a × b`, exact. */
export function multiplyFixed(a: Fixed, b: Fixed): Fixed {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/**
 * A plain decimal string rounded half-up to `places` fraction digits, digit by digit on the text
 * (no number is built): `"2.345"` → `"2.35"`, `"-2.5"` at 0 → `"-3"`, `"-0.001"` at 2 → `"0.00"`.
 * `undefined` when the text is not a plain decimal.
 */
export function roundDecimalText(text: string, places: number): string | undefined {
  const match = PLAIN.exec(text);
  if (!match) return undefined;
  let whole = (match[2] ?? '').replace(/^0+(?=\d)/, '');
  const fraction = match[3] ?? '';
  if (whole === '' && fraction === '') return undefined;
  if (whole === '') whole = '0';
  let kept = fraction.length >= places ? fraction.slice(0, places) : fraction.padEnd(places, '0');
  if (fraction.length > places && fraction.charCodeAt(places) >= 53 /* '5' */) {
    const bumped = incrementDigits(`${whole}${kept}`);
    whole = bumped.slice(0, bumped.length - places) || '0';
    kept = bumped.slice(bumped.length - places);
  }
  const digits = places > 0 ? `${whole}.${kept}` : whole;
  const isZero = /^[0.]*$/.test(digits);
  return match[1] === '-' && !isZero ? `-${digits}` : digits;
}

/** A string of digits plus one, with the carry (`"199"` → `"200"`, `"99"` → `"100"`). */
function incrementDigits(digits: string): string {
  let index = digits.length - 1;
  while (index >= 0 && digits[index] === '9') index -= 1;
  if (index < 0) return `1${'0'.repeat(digits.length)}`;
  return `${digits.slice(0, index)}${String.fromCharCode(digits.charCodeAt(index) + 1)}${'0'.repeat(digits.length - index - 1)}`;
}

/**
 * Fraction digits a plain decimal string needs (trailing zeros dropped): `"12.50"` → 1, `"7"` → 0.
 * `undefined` when the text is not a plain decimal.
 */
export function neededPlaces(text: string): number | undefined {
  const match = PLAIN.exec(text);
  if (!match || ((match[2] ?? '') === '' && (match[3] ?? '') === '')) return undefined;
  const fraction = match[3] ?? '';
  let end = fraction.length;
  while (end > 0 && fraction[end - 1] === '0') end -= 1;
  return end;
}
