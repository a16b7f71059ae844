import {
  currencyExponent,
  formatFixed,
  isCurrencyCode,
  toDecimal,
  type Payment,
} from '@invoicekit/core';
import { PLANDOCKET } from '../provider-id';
import type { PaymentWire } from '../wire/records';
import { readPaymentWire } from '../wire/fast-records';
import { methodOfGateway } from './payment-method';
import { isAdapterTransactionId } from './transaction-id';

/**
 * Only completed payments count towards paid (the vendor's default status,
 * docs/vendors/plandocket.md §4).
 */
export function isCompletedPayment(payment: PaymentWire): boolean {
  return (payment.status ?? 'completed').trim().toLowerCase() === 'completed';
}

/**
 * A Plandocket payment → canonical. Method from the gateway (key, else name); reference from the
 * transaction id — unless it is the adapter's own idempotency id — else the payment's notes. The
 * amount (a float on the wire, read as its exact text) is rounded half-up to the currency.
 */
export function toCanonicalPayment(
  raw: unknown,
  invoice: { readonly id: string; readonly currency: string },
): Payment {
  return paymentOf(readPaymentWire(raw), raw, invoice);
}

/** {@link toCanonicalPayment} of a payment already read. */
function paymentOf(
  wire: PaymentWire,
  raw: unknown,
  invoice: { readonly id: string; readonly currency: string },
): Payment {
  const currency = (wire.currency ?? invoice.currency).toUpperCase();
  const places = isCurrencyCode(currency) ? currencyExponent(currency) : 2;
  const transactionId = wire.transaction_id?.trim() || null;
  const reference =
    transactionId !== null && !isAdapterTransactionId(transactionId)
      ? transactionId
      : wire.notes?.trim() || null;
  return {
    id: wire.id ?? null,
    provider: PLANDOCKET,
    invoiceId: wire.invoice_id ?? invoice.id,
    amount: formatFixed(wire.amount ?? '0', places),
    currency,
    // Timestamps are UTC (the vendor's business day, see features): the day is their date part.
    date: wire.payment_date ? wire.payment_date.slice(0, 10) : null,
    ...methodOfGateway({ key: wire.gateway_key, name: wire.gateway_name }),
    reference,
    raw,
  };
}

/**
 * An invoice's completed payments (`include=payments`), oldest first in the order they were
 * recorded (by `created_at`, then id) — not by payment date, so a payment booked later with an
 * earlier date stays after the ones recorded before it. Pending, failed or refunded payments do
 * not count.
 */
export function toCanonicalPayments(
  raws: readonly unknown[],
  invoice: { readonly id: string; readonly currency: string },
  /** What the invoice's reader already read of each of `raws`, in the same order. */
  read?: readonly PaymentWire[],
): Payment[] {
  return raws
    .map((raw, index) => ({ wire: read?.[index] ?? readPaymentWire(raw), raw }))
    .filter(({ wire }) => isCompletedPayment(wire))
    .sort(
      (a, b) =>
        compareText(a.wire.created_at, b.wire.created_at) ||
        compareText(a.wire.id, b.wire.id, true),
    )
    .map(({ wire, raw }) => paymentOf(wire, raw, invoice));
}

const INTEGER = /^(?:0|[1-9]\d*)$/;

/** Absent values last; ids compared as numbers (they are integers). */
function compareText(
  a: string | null | undefined,
  b: string | null | undefined,
  numeric = false,
): number {
  if (!a || !b) return a ? -1 : b ? 1 : 0;
  // Integer ids (the readers checked them): the longer is the larger, else text order.
  if (numeric && INTEGER.test(a) && INTEGER.test(b))
    return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
  if (numeric) return toDecimal(a).comparedTo(toDecimal(b));
  return a < b ? -1 : a > b ? 1 : 0;
}
