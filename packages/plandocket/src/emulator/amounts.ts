import { Decimal, ROUND_HALF_UP, formatFixed, toDecimal } from '@invoicekit/core';
import type { PlandocketState, StoredInvoice, StoredItem } from './state';

/** One line's amounts, each rounded half-up to cents as the line is printed. */
export interface ItemAmounts {
  readonly net: Decimal;
  readonly tax: Decimal;
  readonly total: Decimal;
}

function cents(value: Decimal): Decimal {
  return value.toDecimalPlaces(2, ROUND_HALF_UP);
}

/** One line's amounts in cents (integers), as {@link itemAmounts} gives them. */
export interface ItemCents {
  readonly net: bigint;
  readonly tax: bigint;
  readonly total: bigint;
}

/** A decimal string as an integer and its number of places (`"-1.50"` → -150, 2). */
function scaledOf(text: string): { units: bigint; places: number } | undefined {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = ''] = match;
  if (whole === '' && fraction === '') return undefined;
  const units = BigInt(`${whole}${fraction}` || '0');
  return { units: sign === '-' ? -units : units, places: fraction.length };
}

/** `units` at `from` places, rounded half-up (ties away from zero) to `to` places. */
function roundTo(units: bigint, from: number, to: number): bigint {
  if (from <= to) return units * 10n ** BigInt(to - from);
  const divisor = 10n ** BigInt(from - to);
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  const quotient = magnitude / divisor;
  const rounded = (magnitude % divisor) * 2n >= divisor ? quotient + 1n : quotient;
  return negative ? -rounded : rounded;
}

/** Beyond this many digits decimal.js (40 significant digits) may round: its path decides. */
const EXACT_DIGITS = 30;

/** Cents as a decimal string (`-150n` → `"-1.50"`). */
export function centsText(value: bigint): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(3, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/**
 * {@link itemAmounts} in integer cents: the same rounding, without a decimal object per step (a
 * listing prints thousands of lines). Operands too long for the integer path to match decimal.js
 * digit for digit take the decimal path.
 */
export function itemCents(item: StoredItem, isReverseCharge: boolean): ItemCents {
  const quantity = scaledOf(item.quantity);
  const price = scaledOf(item.unit_price);
  const rate = scaledOf(item.tax_rate);
  if (
    quantity === undefined ||
    price === undefined ||
    rate === undefined ||
    item.quantity.length + item.unit_price.length + item.tax_rate.length > EXACT_DIGITS
  ) {
    const amounts = decimalItemAmounts(item, isReverseCharge);
    // Already whole cents: the digits without the point.
    const toCents = (value: Decimal) => BigInt(formatFixed(value, 2).replace('.', ''));
    return { net: toCents(amounts.net), tax: toCents(amounts.tax), total: toCents(amounts.total) };
  }
  const net = roundTo(quantity.units * price.units, quantity.places + price.places, 2);
  // net (2 places) × rate / 100: the division by 100 is two more places.
  const tax = isReverseCharge ? 0n : roundTo(net * rate.units, 2 + rate.places + 2, 2);
  return { net, tax, total: net + tax };
}

/** The decimal arithmetic {@link itemCents} follows (and falls back on). */
export function decimalItemAmounts(item: StoredItem, isReverseCharge: boolean): ItemAmounts {
  const net = cents(toDecimal(item.quantity).times(toDecimal(item.unit_price)));
  const tax = isReverseCharge
    ? new Decimal(0)
    : cents(net.times(toDecimal(item.tax_rate)).dividedBy(100));
  return { net, tax, total: net.plus(tax) };
}

/**
 * net = quantity × unit price, tax = net × rate / 100, both rounded per line; no tax under reverse
 * charge (the customer accounts for it), whatever rate the line carries.
 */
export function itemAmounts(item: StoredItem, isReverseCharge: boolean): ItemAmounts {
  const { net, tax, total } = itemCents(item, isReverseCharge);
  return {
    net: toDecimal(centsText(net)),
    tax: toDecimal(centsText(tax)),
    total: toDecimal(centsText(total)),
  };
}

/** The gross total: the sum of the rounded lines, so it always matches the printed lines. */
export function invoiceTotal(invoice: StoredInvoice): Decimal {
  let total = new Decimal(0);
  for (const item of invoice.items) {
    total = total.plus(itemAmounts(item, invoice.is_reverse_charge).total);
  }
  return total;
}

/** What the invoice's completed payments add up to; pending or failed ones do not count. */
export function paidAmount(state: PlandocketState, invoiceId: number): Decimal {
  let paid = new Decimal(0);
  for (const payment of state.payments.lookup('invoice', invoiceId)) {
    if (payment.status === 'completed') {
      paid = paid.plus(toDecimal(payment.amount));
    }
  }
  return paid;
}

/**
 * {@link paidAmount} in cents. Stored amounts have two places (seeds and the API round them so);
 * one that does not takes the decimal path, rounded to cents as `jsonMoney` would.
 */
export function paidCents(state: PlandocketState, invoiceId: number): bigint {
  let paid = 0n;
  for (const payment of state.payments.lookup('invoice', invoiceId)) {
    if (payment.status !== 'completed') continue;
    const amount = scaledOf(payment.amount);
    if (amount === undefined || amount.places > 2)
      return BigInt(formatFixed(paidAmount(state, invoiceId), 2).replace('.', ''));
    paid += roundTo(amount.units, amount.places, 2);
  }
  return paid;
}

/** Total minus paid. */
export function openAmount(state: PlandocketState, invoice: StoredInvoice): Decimal {
  return invoiceTotal(invoice).minus(paidAmount(state, invoice.id));
}
