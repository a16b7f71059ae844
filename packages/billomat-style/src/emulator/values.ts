import { toDecimal, type Decimal } from '@invoicekit/core';
import { exactOf, textOfUnits, unitsAt } from '../mapping/vendor-money';

/**
 * The vendor's value formats (docs/vendors/method-style.md §10, the Monsum capture): totals as
 * unrounded JSON numbers, unit prices with 8 decimals, quantities and rates with 2, ids and flags
 * as strings, the zero date.
 */
export const ZERO_DATE = '0000-00-00 00:00:00';

/** A JSON number carrying the decimal's digits (parsed from its text, never computed in float). */
export function jsonNumber(value: Decimal): number {
  return Number(value.toDecimalPlaces(9).toString());
}

/** A decimal with exactly `places` places, rounded half-up; a string needs no Decimal for it. */
export function fixed(value: string | Decimal, places: number): string {
  // (At 0 places the Decimal path prints a trailing point; no vendor field has 0 places.)
  if (typeof value === 'string' && places > 0)
    return textOfUnits(unitsAt(exactOf(value), places), places);
  return fixedOfDecimal(value, places);
}

/** {@link fixed} through Decimal: for a computed Decimal, and the reference of the string path. */
export function fixedOfDecimal(value: string | Decimal, places: number): string {
  const decimal = toDecimal(value);
  const rounded = decimal.toDecimalPlaces(places);
  const [whole = '0', fraction = ''] = rounded.abs().toString().split('.');
  return `${rounded.isNegative() && !rounded.isZero() ? '-' : ''}${whole}.${fraction.padEnd(places, '0')}`;
}

/** `"0,00"`: Monsum writes OUTSTANDING_AMOUNT with a German decimal comma. */
export function germanAmount(value: Decimal): string {
  return fixed(value, 2).replace('.', ',');
}

/** `"59,00"`, `59`, `"59.00"` → a decimal string, or `undefined` when it is not a number. */
export function incomingDecimal(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && /^-?\d+([.,]\d+)?$/.test(value.trim()))
    return value.trim().replace(',', '.');
  return undefined;
}

/** `ITEMS` as an array, `{ITEM: [...]}`, `{ITEM: {...}}` or one bare object. */
export function incomingList(value: unknown): Record<string, unknown>[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value as Record<string, unknown>[];
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('ITEM' in record) return incomingList(record.ITEM);
    return Object.keys(record).every((key) => /^\d+$/.test(key))
      ? (Object.values(record) as Record<string, unknown>[])
      : [record];
  }
  return [];
}
