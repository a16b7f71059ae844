import { Decimal, ROUND_HALF_UP, toDecimal } from '@invoicekit/core';
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

/**
 * net = quantity × unit price, tax = net × rate / 100, both rounded per line; no tax under reverse
 * charge (the customer accounts for it), whatever rate the line carries.
 */
export function itemAmounts(item: StoredItem, isReverseCharge: boolean): ItemAmounts {
  const net = cents(toDecimal(item.quantity).times(toDecimal(item.unit_price)));
  const tax = isReverseCharge
    ? new Decimal(0)
    : cents(net.times(toDecimal(item.tax_rate)).dividedBy(100));
  return { net, tax, total: net.plus(tax) };
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

/** Total minus paid. */
export function openAmount(state: PlandocketState, invoice: StoredInvoice): Decimal {
  return invoiceTotal(invoice).minus(paidAmount(state, invoice.id));
}
