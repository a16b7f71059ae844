import type { Payment } from '@invoicekit/core';
import { BILLOMAT_STYLE } from '../provider-id';
import type { InvoiceWire } from '../wire/records';
import { paymentMethodOf } from './payment-type';

/**
 * What was paid on an invoice whose answer lists no `PAYMENTS[]` (Monsum's field list has none):
 * one payment without a vendor id, of the paid amount, on PAID_DATE, by the invoice's
 * PAYMENT_TYPE — so a migration still carries the payment, its date and its method.
 */
export function paymentWithoutRecord(
  wire: InvoiceWire,
  paid: {
    readonly id: string;
    readonly currency: string;
    readonly amount: string;
    readonly date: string | null;
  },
): Payment {
  return {
    id: null,
    provider: BILLOMAT_STYLE,
    invoiceId: paid.id,
    amount: paid.amount,
    currency: paid.currency,
    date: paid.date,
    method: paymentMethodOf(wire.PAYMENT_TYPE),
    methodRaw: wire.PAYMENT_TYPE || null,
    reference: null,
    raw: { PAID_DATE: paid.date, PAYMENT_TYPE: wire.PAYMENT_TYPE ?? null },
  };
}
