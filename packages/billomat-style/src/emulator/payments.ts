import { Decimal, toDecimal } from '@invoicekit/core';
import type { MethodStyleState, StoredInvoice, StoredPayment } from './state';
import { fixed } from './values';

/** What has been paid on an invoice: its payment records added up. */
export function paidSoFar(invoice: StoredInvoice): Decimal {
  return invoice.payments.reduce(
    (sum, payment) => sum.plus(toDecimal(payment.amount)),
    new Decimal(0),
  );
}

/** A new payment record with the next vendor id. */
export function newPayment(
  state: MethodStyleState,
  fields: Omit<StoredPayment, 'id'>,
): StoredPayment {
  return { id: state.paymentIds.next++, ...fields };
}

/**
 * A `PAYMENTS[]` entry in the field order of the vendor's reference (PAYMENT_ID, DATE, AMOUNT,
 * CURRENCY_CODE, NOTE, TYPE); dates as the vendor writes PAID_DATE, the id as a string like
 * every id in `*.get`.
 */
export function renderPayment(payment: StoredPayment): Record<string, unknown> {
  return {
    PAYMENT_ID: String(payment.id),
    DATE: `${payment.date} 00:00:00`,
    AMOUNT: fixed(payment.amount, 2),
    CURRENCY_CODE: payment.currency,
    NOTE: payment.note,
    TYPE: payment.type,
  };
}
