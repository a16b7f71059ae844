import { toDecimal } from '@invoicekit/core';

/**
 * A decimal string already in the form `Decimal#toString` gives it (no leading zeros, no trailing
 * fraction zeros, no `+`, no exponent): such a string is its own key, no Decimal needed — and
 * nearly every amount a vendor answers is one. `-0` is not (its key is `0`).
 */
const CANONICAL = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;

function isCanonical(text: string): boolean {
  return CANONICAL.test(text) && text !== '-0';
}

/** The decimal's value as text, equal for equal values: `toDecimal(text).toString()`. */
export function decimalKey(text: string): string {
  return isCanonical(text) ? text : toDecimal(text).toString();
}

/** Whether two decimal strings (or absent values) are the same number. */
export function sameDecimal(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return a == b;
  if (a === b) return true;
  // Two canonical strings that differ are different numbers.
  if (isCanonical(a) && isCanonical(b)) return false;
  return toDecimal(a).equals(toDecimal(b));
}
