import type { PaymentMethod } from '@invoicekit/core';

/**
 * PAYMENT_TYPE codes (docs/vendors/method-style.md §10.1: 1 transfer … 6 credit card) in the
 * canonical vocabulary.
 */
const METHOD_OF_CODE: Readonly<Record<string, PaymentMethod>> = {
  '1': 'transfer',
  '2': 'direct_debit',
  '3': 'cash',
  '4': 'paypal',
  '5': 'prepayment',
  '6': 'card',
};

/**
 * The vendor's German names (Monsum's doc lists them beside the codes; older data carries them
 * instead of codes). `scheck` and `sonstige` are no PAYMENT_TYPE: they are the words this adapter
 * writes into classic setpaid's free-text PAYMENT_METHOD for methods without a code.
 */
const VENDOR_NAMES: Readonly<Record<PaymentMethod, string>> = {
  transfer: 'ueberweisung',
  direct_debit: 'lastschrift',
  cash: 'bar',
  paypal: 'paypal',
  prepayment: 'vorkasse',
  card: 'kreditkarte',
  cheque: 'scheck',
  other: 'sonstige',
};

const METHOD_OF_NAME: ReadonlyMap<string, PaymentMethod> = new Map(
  (Object.entries(VENDOR_NAMES) as [PaymentMethod, string][]).flatMap(([method, name]) => [
    [name, method],
    // A free-text PAYMENT_METHOD may hold the canonical word itself.
    [method, method],
  ]),
);

/**
 * A vendor payment type (`"1"`, `"ueberweisung"`, `"Kreditkarte"`, a free text) → the canonical
 * method; a word none of these is → `other` (the caller keeps the vendor's word as `methodRaw`);
 * nothing → `null`.
 */
export function paymentMethodOf(value: string | null | undefined): PaymentMethod | null {
  const text = value?.trim().toLowerCase();
  if (!text) return null;
  return METHOD_OF_CODE[text] ?? METHOD_OF_NAME.get(text) ?? 'other';
}

/** A canonical method → the vendor's name for it, as classic setpaid's PAYMENT_METHOD. */
export function vendorPaymentMethod(method: PaymentMethod): string {
  return VENDOR_NAMES[method];
}
