import type { Payment } from '@invoicekit/core';
import { BILLOMAT_STYLE } from '../provider-id';
import type { PaymentWire } from '../wire/records';
import { paymentMethodOf } from './payment-type';
import { money } from './vendor-money';

/** One `PAYMENTS[]` entry (read, and as received) → a canonical payment. */
export function toCanonicalPayment(
  wire: PaymentWire,
  raw: unknown,
  invoice: { readonly id: string; readonly currency: string },
): Payment {
  const currency = wire.CURRENCY_CODE ? wire.CURRENCY_CODE.toUpperCase() : invoice.currency;
  return {
    id: wire.PAYMENT_ID ?? null,
    provider: BILLOMAT_STYLE,
    invoiceId: invoice.id,
    amount: money(wire.AMOUNT, currency),
    currency,
    date: wire.DATE ?? null,
    method: paymentMethodOf(wire.TYPE),
    methodRaw: wire.TYPE || null,
    // The vendor keeps a note with each payment: the transaction id or bank reference, if any.
    reference: wire.NOTE || null,
    raw,
  };
}
