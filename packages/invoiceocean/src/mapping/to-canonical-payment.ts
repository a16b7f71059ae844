import type { Payment } from '@invoicekit/core';
import { INVOICEOCEAN } from '../provider-id';
import type { PaymentWire } from '../wire/payment';
import { canonicalMoney } from './money';
import { toCanonicalMethod } from './payment-method';

/**
 * The payment's `name` the adapter sends when `markPaid` is given no reference: the vendor wants a
 * name, and this one reads back as no reference rather than as one the caller never gave.
 */
export function defaultPaymentName(invoice: {
  readonly number: string | null;
  readonly id: string;
}): string {
  return `Payment for ${invoice.number ?? invoice.id}`;
}

/** What a payment is read against: the invoice it settles. */
export interface PaymentOwner {
  readonly id: string;
  readonly number: string | null;
  readonly currency: string;
}

/** One banking payment → a canonical payment (method from `provider`, reference from `name`). */
export function toCanonicalPayment(wire: PaymentWire, owner: PaymentOwner): Payment {
  const currency = (wire.currency ?? owner.currency).toUpperCase();
  const name = wire.name ?? null;
  return {
    id: wire.id,
    provider: INVOICEOCEAN,
    invoiceId: wire.invoice_id ?? owner.id,
    amount: canonicalMoney(wire.price, currency),
    currency,
    date: wire.paid_date ?? null,
    method: toCanonicalMethod(wire.provider),
    methodRaw: wire.provider ?? null,
    reference: name === null || name === defaultPaymentName(owner) ? null : name,
    raw: wire,
  };
}

/**
 * An invoice's connected payments, oldest first: in the order they were recorded (the vendor's
 * ids grow), which is not always the order of their dates. A payment recorded as not yet paid
 * (`paid: false`) has not been received and is left out.
 */
export function toCanonicalPayments(wires: readonly PaymentWire[], owner: PaymentOwner): Payment[] {
  return wires
    .filter((wire) => wire.paid !== false)
    .map((wire) => toCanonicalPayment(wire, owner))
    .sort((a, b) => {
      const left = a.id ?? '';
      const right = b.id ?? '';
      return left.length - right.length || left.localeCompare(right);
    });
}
